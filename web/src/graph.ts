// The graph drawing shared by the researcher page and the explorer: the API's graph slice drawn with
// cytoscape.js (loaded on first use, so a page's text paints before the library arrives), merged with the
// slices of the nodes one clicks (no node or edge twice), filtered by kind and year, with a legend, zoom and fit,
// and a list of the drawn nodes for the keyboard. Problems are shown over the canvas, never a blank drawing.
import type { Core, ElementDefinition, NodeSingular } from "cytoscape";
import { explain, gql } from "./api";
import { h, plainTitle, plural, replace } from "./dom";
import { GRAPH_SLICE, workYears } from "./operations";
import { KINDS, kindName, pageOf } from "./routes";
import type { CoauthorPath, EntityKind, Slice, SliceEdge, SliceNode } from "./types";

type Cytoscape = typeof import("cytoscape");
let library: Promise<Cytoscape> | null = null;
const loadCytoscape = (): Promise<Cytoscape> => (library ??= import("cytoscape").then((m) => m.default));

const COLORS: Record<EntityKind, string> = {
  AUTHOR: "#2563eb",
  WORK: "#d97706",
  TOPIC: "#059669",
  INSTITUTION: "#7c3aed",
  SOURCE: "#64748b",
};
const SHAPES: Record<EntityKind, string> = {
  AUTHOR: "ellipse",
  WORK: "round-rectangle",
  TOPIC: "diamond",
  INSTITUTION: "hexagon",
  SOURCE: "triangle",
};
const LABEL_CHARS = 28;
const YEAR_BATCH = 15; // the API's alias limit

export interface GraphOptions {
  /** At most this many nodes per slice asked for (the API allows up to 500). */
  limit: number;
  /** Called when a node is selected (null: the selection was cleared). */
  onSelect?: (node: SliceNode | null) => void;
  /** Say what a drawing shows, under the canvas. */
  caption?: boolean;
}

export class GraphView {
  readonly root: HTMLElement;
  readonly canvas: HTMLElement;
  private readonly status: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly legend: HTMLElement;
  private readonly list: HTMLElement;
  private cy: Core | null = null;
  private center = "";
  private pathEnd = "";
  readonly nodes = new Map<string, SliceNode>();
  readonly edges = new Map<string, SliceEdge>();
  readonly expanded = new Set<string>();
  readonly truncatedAt = new Set<string>();
  readonly hiddenKinds = new Set<EntityKind>();
  private readonly years = new Map<string, number | null>();
  private yearRange: [number | null, number | null] = [null, null];
  selected: string | null = null;
  busy = false;

  constructor(private readonly options: GraphOptions) {
    this.canvas = h("div", { class: "graph-canvas", role: "img", "aria-label": "Graph drawing" });
    this.status = h("div", { class: "graph-status", role: "status", "aria-live": "polite" });
    this.notice = h("p", { class: "notice truncated", hidden: true });
    this.legend = h("div", { class: "legend", role: "group", "aria-label": "Show kinds" });
    this.list = h("details", { class: "graph-list" });
    const tools = h(
      "div",
      { class: "graph-tools", role: "toolbar", "aria-label": "Zoom" },
      h("button", { type: "button", title: "Zoom in", "aria-label": "Zoom in", onclick: () => this.zoom(1.25) }, "+"),
      h("button", { type: "button", title: "Zoom out", "aria-label": "Zoom out", onclick: () => this.zoom(0.8) }, "−"),
      h("button", { type: "button", title: "Fit the drawing", onclick: () => this.fit() }, "Fit"),
    );
    this.root = h(
      "div",
      { class: "graph" },
      h("div", { class: "graph-stage" }, this.canvas, this.status, tools),
      this.notice,
      this.legend,
      this.list,
    );
    (this.canvas as HTMLElement & { peergraph?: GraphView }).peergraph = this;
    this.renderLists();
  }

  /** Draw the slice around `center` (replacing what was drawn). */
  async show(center: string, depth: number): Promise<void> {
    this.center = center;
    this.nodes.clear();
    this.edges.clear();
    this.expanded.clear();
    this.truncatedAt.clear();
    this.selected = null;
    this.cy?.elements().remove();
    this.setStatus("loading", "Building this graph slice…");
    try {
      const [cytoscape, data] = await Promise.all([
        loadCytoscape(),
        gql<{ graphSlice: Slice | null }>(GRAPH_SLICE, { center, depth, limit: this.options.limit }),
      ]);
      if (!data.graphSlice) {
        this.setStatus("error", "This entity is not in the graph, so there is no slice to draw.");
        return;
      }
      this.expanded.add(center);
      this.merge(center, data.graphSlice);
      this.mount(cytoscape);
      this.redraw();
      this.setStatus(
        this.nodes.size <= 1 ? "empty" : "idle",
        this.nodes.size <= 1 ? "Nothing in the graph links to this entity yet." : "",
      );
    } catch (problem) {
      this.showProblem(problem, () => void this.show(center, depth));
    }
  }

  /** Add the slice around a drawn node to the drawing (depth 1). */
  async expand(id: string): Promise<void> {
    if (this.expanded.has(id) || this.busy) return;
    this.busy = true;
    this.setStatus("loading", `Expanding ${this.nodes.get(id)?.label ?? id}…`);
    try {
      const data = await gql<{ graphSlice: Slice | null }>(GRAPH_SLICE, { center: id, depth: 1, limit: this.options.limit });
      this.expanded.add(id);
      if (data.graphSlice) this.merge(id, data.graphSlice);
      this.redraw();
      this.setStatus("idle", "");
    } catch (problem) {
      this.showProblem(problem, () => void this.expand(id));
    } finally {
      this.busy = false;
    }
  }

  /** Draw a coauthor path: its authors, and the works linking each hop. */
  async showPath(path: CoauthorPath): Promise<void> {
    this.nodes.clear();
    this.edges.clear();
    this.expanded.clear();
    this.truncatedAt.clear();
    this.center = path.authors[0]?.id ?? "";
    this.pathEnd = path.authors[path.authors.length - 1]?.id ?? "";
    this.cy?.elements().remove();
    for (const author of path.authors) this.addNode({ id: author.id, kind: "AUTHOR", label: author.name ?? author.id });
    for (const link of path.links) {
      for (const work of link.works) {
        this.addNode({ id: work.id, kind: "WORK", label: work.title ?? work.id });
        this.years.set(work.id, work.year);
        for (const author of [link.source, link.target]) {
          const id = `${author.id}-AUTHORED-${work.id}`;
          this.edges.set(id, { id, source: author.id, target: work.id, type: "AUTHORED", weight: 1 });
        }
      }
    }
    this.mount(await loadCytoscape());
    this.redraw("path");
    this.setStatus("idle", "");
  }

  clear(message: string): void {
    this.nodes.clear();
    this.edges.clear();
    this.cy?.elements().remove();
    this.renderLists();
    this.setStatus("empty", message);
  }

  nodeIds(): string[] {
    return this.cy ? this.cy.nodes().map((n) => n.id()) : [];
  }

  edgeIds(): string[] {
    return this.cy ? this.cy.edges().map((e) => e.id()) : [];
  }

  visibleNodeIds(): string[] {
    return this.cy ? this.cy.nodes(":visible").map((n) => n.id()) : [];
  }

  /** Where a drawn node is on the page (client coordinates), for a real click. */
  clientPosition(id: string): { x: number; y: number } | null {
    const node = this.cy?.getElementById(id);
    if (!node || node.empty()) return null;
    const box = this.canvas.getBoundingClientRect();
    const at = node.renderedPosition();
    return { x: box.left + at.x, y: box.top + at.y };
  }

  select(id: string | null): void {
    this.selected = id;
    this.cy?.nodes().unselect();
    if (id) this.cy?.getElementById(id).select();
    this.options.onSelect?.(id ? (this.nodes.get(id) ?? null) : null);
  }

  setKindShown(kind: EntityKind, shown: boolean): void {
    if (shown) this.hiddenKinds.delete(kind);
    else this.hiddenKinds.add(kind);
    this.applyFilters();
  }

  /** Show works of these years only (null: no bound); years of drawn works are asked for as needed. */
  async setYears(from: number | null, to: number | null): Promise<void> {
    this.yearRange = [from, to];
    if (from !== null || to !== null) {
      const missing = [...this.nodes.values()].filter((n) => n.kind === "WORK" && !this.years.has(n.id)).map((n) => n.id);
      try {
        for (let i = 0; i < missing.length; i += YEAR_BATCH) {
          const ids = missing.slice(i, i + YEAR_BATCH);
          const vars = Object.fromEntries(ids.map((id, j) => [`w${j}`, id]));
          const data = await gql<Record<string, { id: string; year: number | null } | null>>(workYears(ids.length), vars);
          ids.forEach((id, j) => this.years.set(id, data[`w${j}`]?.year ?? null));
        }
      } catch (problem) {
        this.showProblem(problem, () => void this.setYears(from, to));
        return;
      }
    }
    this.applyFilters();
  }

  private merge(center: string, slice: Slice): void {
    if (slice.truncated) this.truncatedAt.add(center);
    for (const node of slice.nodes) this.addNode(node);
    for (const edge of slice.edges) if (!this.edges.has(edge.id)) this.edges.set(edge.id, edge);
  }

  private addNode(node: SliceNode): void {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, { ...node, label: plainTitle(node.label, node.id) });
  }

  private mount(cytoscape: Cytoscape): void {
    if (this.cy) return;
    this.cy = cytoscape({
      container: this.canvas,
      minZoom: 0.1,
      maxZoom: 4,
      boxSelectionEnabled: false,
      style: [
        {
          selector: "node",
          style: {
            "background-color": "data(color)",
            shape: "data(shape)" as never,
            label: "data(short)",
            "font-size": 9,
            color: "#1f2937",
            "text-valign": "bottom",
            "text-margin-y": 3,
            "text-background-color": "#ffffff",
            "text-background-opacity": 0.7,
            width: 18,
            height: 18,
          },
        },
        { selector: "node.center", style: { width: 30, height: 30, "font-size": 11, "font-weight": "bold", "border-width": 3, "border-color": "#111827" } },
        { selector: "node:selected", style: { "border-width": 4, "border-color": "#dc2626" } },
        { selector: "node.filtered", style: { display: "none" } },
        { selector: "edge", style: { width: 1, "line-color": "#cbd5e1", "curve-style": "straight", opacity: 0.8 } },
        { selector: "edge.path", style: { width: 2.5, "line-color": "#dc2626" } },
      ],
    });
    this.cy.on("tap", "node", (event) => {
      const id = (event.target as NodeSingular).id();
      this.select(id);
      void this.expand(id);
    });
    this.cy.on("tap", (event) => {
      if (event.target === this.cy) this.select(null);
    });
  }

  private redraw(mode: "slice" | "path" = "slice"): void {
    const cy = this.cy;
    if (!cy) return;
    const elements: ElementDefinition[] = [];
    for (const node of this.nodes.values()) {
      if (!cy.getElementById(node.id).empty()) continue;
      const short = node.label.length > LABEL_CHARS ? `${node.label.slice(0, LABEL_CHARS - 1)}…` : node.label;
      elements.push({
        group: "nodes",
        data: { id: node.id, kind: node.kind, label: node.label, short, color: COLORS[node.kind], shape: SHAPES[node.kind] },
        classes: node.id === this.center || (mode === "path" && node.id === this.pathEnd) ? "center" : "",
      });
    }
    for (const edge of this.edges.values()) {
      if (!cy.getElementById(edge.id).empty()) continue;
      elements.push({ group: "edges", data: { id: edge.id, source: edge.source, target: edge.target, type: edge.type }, classes: mode === "path" ? "path" : "" });
    }
    cy.add(elements);
    const depth = this.distances();
    const far = Math.max(0, ...depth.values());
    const layout =
      mode === "path"
        ? cy.layout({ name: "breadthfirst", roots: [this.center], directed: false, spacingFactor: 1.1, animate: false })
        : cy.layout({
            name: "concentric",
            concentric: (n: NodeSingular) => far - (depth.get(n.id()) ?? far),
            levelWidth: () => 1,
            minNodeSpacing: 14,
            animate: false,
          });
    layout.run();
    cy.fit(undefined, 24);
    this.applyFilters();
  }

  /** Hops from the center over the drawn edges, either direction (the rings of the drawing). */
  private distances(): Map<string, number> {
    const next = new Map<string, string[]>();
    for (const edge of this.edges.values()) {
      next.set(edge.source, [...(next.get(edge.source) ?? []), edge.target]);
      next.set(edge.target, [...(next.get(edge.target) ?? []), edge.source]);
    }
    const depth = new Map([[this.center, 0]]);
    let ring = [this.center];
    while (ring.length) {
      const following: string[] = [];
      for (const id of ring) {
        for (const other of next.get(id) ?? []) {
          if (!depth.has(other)) {
            depth.set(other, (depth.get(id) ?? 0) + 1);
            following.push(other);
          }
        }
      }
      ring = following;
    }
    return depth;
  }

  private applyFilters(): void {
    const [from, to] = this.yearRange;
    this.cy?.nodes().forEach((n) => {
      const kind = n.data("kind") as EntityKind;
      const year = this.years.get(n.id());
      const outOfYears = kind === "WORK" && year != null && ((from !== null && year < from) || (to !== null && year > to));
      n.toggleClass("filtered", this.hiddenKinds.has(kind) || outOfYears);
    });
    this.renderLists();
    const shown = this.cy ? this.cy.nodes(":visible").length : 0;
    if (this.cy && this.nodes.size > 1 && shown === 0) this.setStatus("empty", "The filters hide every node: show more kinds or years.");
  }

  private renderLists(): void {
    const counts = new Map<EntityKind, number>();
    for (const node of this.nodes.values()) counts.set(node.kind, (counts.get(node.kind) ?? 0) + 1);
    replace(
      this.legend,
      KINDS.map((kind) =>
        h(
          "label",
          { class: "legend-item" },
          h("input", {
            type: "checkbox",
            checked: !this.hiddenKinds.has(kind),
            "data-kind": kind,
            onchange: (e: Event) => this.setKindShown(kind, (e.target as HTMLInputElement).checked),
          }),
          h("span", { class: `swatch kind-${kind.toLowerCase()}`, "aria-hidden": "true" }),
          `${kindName(kind, 2)} (${counts.get(kind) ?? 0})`,
        ),
      ),
    );
    const truncated = this.truncatedAt.size > 0;
    this.notice.hidden = !truncated;
    this.notice.textContent = truncated
      ? `Truncated: the API left out some entities within reach (at most ${this.options.limit} per slice). ` +
        "Click a node to expand around it, or open the full explorer."
      : "";
    const open = this.list.hasAttribute("open");
    replace(
      this.list,
      h("summary", null, `${plural(this.nodes.size, "node")}, ${plural(this.edges.size, "link")} (list)`),
      h(
        "ul",
        null,
        [...this.nodes.values()].slice(0, 500).map((node) =>
          h(
            "li",
            { "data-id": node.id, class: this.cy?.getElementById(node.id).hasClass("filtered") ? "filtered" : null },
            h("button", { type: "button", class: "linklike", onclick: () => { this.select(node.id); void this.expand(node.id); } }, node.label),
            ` ${kindName(node.kind, 1)}${this.expanded.has(node.id) ? " · expanded" : ""}`,
            pageOf(node.kind, node.id) ? h("a", { href: pageOf(node.kind, node.id), class: "page-link" }, "page") : null,
          ),
        ),
      ),
    );
    if (open) this.list.setAttribute("open", "");
  }

  private zoom(factor: number): void {
    const cy = this.cy;
    if (!cy) return;
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
  }

  fit(): void {
    this.cy?.fit(undefined, 24);
  }

  private setStatus(state: "loading" | "error" | "empty" | "idle", text: string | Node): void {
    this.status.dataset.state = state;
    replace(this.status, text);
    this.status.hidden = state === "idle";
  }

  private showProblem(problem: unknown, retry: () => void): void {
    const { title, detail, code } = explain(problem);
    this.setStatus(
      "error",
      h(
        "div",
        { class: "problem", "data-code": code },
        h("strong", null, title),
        detail ? h("span", { class: "detail" }, detail) : null,
        h("button", { type: "button", onclick: retry }, "Try again"),
      ),
    );
  }
}
