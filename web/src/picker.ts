// A text box with suggestions as one types (the header's search, the explorer's author pickers).
import { explain } from "./api";
import { h, replace } from "./dom";

export interface Choice {
  id: string;
  label: string;
  note: string;
}

export interface PickerOptions {
  label: string;
  placeholder: string;
  suggest: (text: string) => Promise<Choice[]>;
  onPick: (choice: Choice) => void;
  name: string;
}

const WAIT_MS = 200;

export function picker(options: PickerOptions): { root: HTMLElement; input: HTMLInputElement; set(choice: Choice): void } {
  const input = h("input", {
    type: "search",
    name: options.name,
    placeholder: options.placeholder,
    autocomplete: "off",
    "aria-label": options.label,
    "aria-autocomplete": "list",
  });
  const list = h("ul", { class: "suggestions", role: "listbox", "aria-label": `${options.label}: suggestions`, hidden: true });
  let timer = 0;
  let asked = 0;
  const close = () => {
    list.hidden = true;
  };
  const pick = (choice: Choice) => {
    input.value = choice.label;
    input.dataset.id = choice.id;
    close();
    options.onPick(choice);
  };
  input.addEventListener("input", () => {
    delete input.dataset.id;
    window.clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < 2) {
      close();
      return;
    }
    timer = window.setTimeout(() => {
      const mine = ++asked;
      options
        .suggest(text)
        .then((choices) => {
          if (mine !== asked) return;
          replace(
            list,
            choices.length
              ? choices.map((c) =>
                  h("li", { role: "option" }, h("button", { type: "button", "data-id": c.id, onclick: () => pick(c) }, c.label, h("span", { class: "muted" }, ` ${c.note}`))),
                )
              : h("li", { class: "muted" }, "No match."),
          );
          list.hidden = false;
        })
        .catch((problem: unknown) => {
          if (mine !== asked) return;
          replace(list, h("li", { class: "problem" }, explain(problem).title));
          list.hidden = false;
        });
    }, WAIT_MS);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown") {
      (list.querySelector("button") as HTMLButtonElement | null)?.focus();
      event.preventDefault();
    } else if (event.key === "Escape") {
      close();
    } else if (event.key === "Enter") {
      const first = list.querySelector("button");
      if (!list.hidden && first) {
        event.preventDefault();
        first.click();
      }
    }
  });
  list.addEventListener("keydown", (event) => {
    const current = document.activeElement?.closest("li");
    if (event.key === "ArrowDown") (current?.nextElementSibling?.querySelector("button") as HTMLButtonElement | null)?.focus();
    else if (event.key === "ArrowUp") (current?.previousElementSibling?.querySelector("button") ?? input as HTMLElement | null)?.focus?.();
    else if (event.key === "Escape") {
      close();
      input.focus();
    } else return;
    event.preventDefault();
  });
  const root = h("div", { class: "picker" }, input, list);
  // A click on a suggestion keeps the focus where it is, so the list is still there when the click lands.
  list.addEventListener("mousedown", (event) => event.preventDefault());
  root.addEventListener("focusout", (event) => {
    if (!root.contains(event.relatedTarget as Node | null)) close();
  });
  return {
    root,
    input,
    set: (choice: Choice) => {
      input.value = choice.label;
      input.dataset.id = choice.id;
    },
  };
}
