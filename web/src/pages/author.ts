// The researcher page (/authors/{id}): the contract's ResearcherProfile, the author's social state, the graph
// slice drawn in place, the works with paging, and the actions (follow, claim, direct collaboration).
import { openAccount, refreshViewer } from "../account";
import { gql } from "../api";
import { h, plural, replace } from "../dom";
import {
  AUTHOR_SOCIAL,
  AUTHOR_WORKS,
  CLAIM,
  COAUTHORS,
  FOLLOW,
  INBOX,
  OWN_SETTINGS,
  RELEASE,
  RESEARCHER_PROFILE,
  RESPOND,
  SEND_INVITE,
  UNFOLLOW,
  UPDATE_PROFILE,
} from "../operations";
import type { PageContext } from "../page";
import { orcidButton, orcidSignIn } from "../orcid";
import { session } from "../session";
import type { Named, Profile, Settings, Social, Trust, WorkPage } from "../types";
import { entityLoader, graphPanel, headCard, pageLayout, problemBox, workList } from "../ui";

const LOCKED = "Claim this author entity first to unlock direct invitations.";

/** The one-line summary: the author's two topics carried by most of their works, in the API's order. */
export function summaryOf(profile: Profile): string {
  const names = profile.topics.slice(0, 2).map((t) => t.topic.name ?? t.topic.id);
  if (names.length === 0) return "No topics in the graph for this author's works yet.";
  return `Contributes to ${names.join(" and ")}.`;
}

function affiliationOf(profile: Profile): HTMLElement {
  if (profile.affiliationStatus === "HIDDEN") return h("p", { class: "affiliation" }, "Affiliation hidden by the researcher");
  if (!profile.affiliation) return h("p", { class: "affiliation muted" }, "Affiliation not imported");
  const inst = profile.affiliation;
  return h(
    "p",
    { class: "affiliation" },
    h("a", { href: `/institutions/${encodeURIComponent(inst.id)}` }, inst.name ?? inst.id),
    inst.countryCode ? ` · ${inst.countryCode}` : null,
  );
}

function trustCard(trust: Trust, claimed: boolean): HTMLElement {
  return h(
    "section",
    { class: "card trust", "aria-labelledby": "trust-title" },
    h("h2", { id: "trust-title" }, "Trust snapshot"),
    h(
      "ul",
      { class: "quick" },
      h("li", { class: `trust-label label-${trust.label.toLowerCase()}` }, `Trust ${trust.score} · ${trust.label}`),
      h("li", { class: "level" }, `Verification ${trust.verificationLevel}`),
      h("li", { class: "claim-state" }, claimed ? "Claimed author" : "Unclaimed author"),
    ),
    h(
      "details",
      { class: "factors" },
      h("summary", null, "How this score is made"),
      h(
        "ul",
        null,
        trust.factors.map((f) =>
          h("li", { "data-factor": f.name }, h("strong", null, `${f.name} +${f.points}`), h("span", null, f.detail)),
        ),
      ),
      h("p", { class: "muted" }, "The score is the sum of these points, 0-100. Verified and Trusted need a claimed record (L2 or L3)."),
    ),
  );
}

function countsCard(profile: Profile): HTMLElement {
  const item = (key: string, label: string, value: number) =>
    h("div", { class: "count", "data-count": key }, h("dt", null, label), h("dd", null, value.toLocaleString("en")));
  const c = profile.counts;
  return h(
    "dl",
    { class: "counts card", "aria-label": "Counts" },
    item("works", "Works", c.works),
    item("followers", "Followers", c.followers),
    item("topics", "Topics", c.topics),
    item("closeCollaborators", "Close collaborators", c.closeCollaborators),
  );
}

function peopleList(items: { author: Named; note: string }[]): HTMLElement {
  return h(
    "ul",
    { class: "people" },
    items.map(({ author, note }) =>
      h("li", null, h("a", { href: `/authors/${encodeURIComponent(author.id)}` }, author.name ?? author.id), h("span", { class: "muted" }, ` ${note}`)),
    ),
  );
}

interface CoauthorsAnswer {
  author: {
    coauthors: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: { sharedWorkCount: number; node: Named }[];
    };
  } | null;
}

function collaboratorsCard(profile: Profile): HTMLElement {
  const shared = (n: number) => `· ${plural(n, "shared work")}`;
  const list = peopleList(profile.closeCollaborators.map((c) => ({ author: c.author, note: shared(c.sharedWorkCount) })));
  const more = h("div", { class: "more" });
  const total = profile.counts.closeCollaborators;
  const loadFrom = (after: string | null, replaceList: boolean) => {
    replace(more, "Loading…");
    gql<CoauthorsAnswer>(COAUTHORS, { id: profile.id, first: 20, after })
      .then((data) => {
        const page = data.author?.coauthors;
        if (!page) return;
        const items = page.edges.map((e) => ({ author: e.node, note: shared(e.sharedWorkCount) }));
        if (replaceList) replace(list);
        list.append(...peopleList(items).children);
        replace(more);
        if (page.pageInfo.hasNextPage && page.pageInfo.endCursor) {
          const cursor = page.pageInfo.endCursor;
          more.append(h("button", { type: "button", class: "secondary", onclick: () => loadFrom(cursor, false) }, "More coauthors"));
        }
      })
      .catch((problem: unknown) => replace(more, problemBox(problem)));
  };
  if (total > profile.closeCollaborators.length) {
    more.append(h("button", { type: "button", class: "secondary", onclick: () => loadFrom(null, true) }, `All ${total} coauthors`));
  }
  return h(
    "section",
    { class: "card", "aria-labelledby": "collab-title" },
    h("h2", { id: "collab-title" }, "Close collaborators"),
    total ? list : h("p", { class: "empty" }, "No coauthors in the graph."),
    more,
  );
}

function topicsCard(profile: Profile): HTMLElement {
  return h(
    "section",
    { class: "card", "aria-labelledby": "topics-title" },
    h("h2", { id: "topics-title" }, "Topics"),
    profile.topics.length
      ? h(
          "ul",
          { class: "topics" },
          profile.topics.map((t) =>
            h("li", null, h("a", { href: `/topics/${encodeURIComponent(t.topic.id)}` }, t.topic.name ?? t.topic.id), h("span", { class: "muted" }, ` · ${plural(t.workCount, "work")}`)),
          ),
        )
      : h("p", { class: "empty" }, "No topics in the graph."),
  );
}

export function authorPage(main: HTMLElement, id: string, ctx: PageContext): void {
  const fetch = () => gql<{ author: Profile | null }>(RESEARCHER_PROFILE, { id }).then((data) => data.author);
  const render = entityLoader(main, ctx, "author", id, fetch, (author, again) => draw(main, author, ctx, again));
  render();
  ctx.onDispose(session.subscribe((_viewer, reason) => {
    if (reason !== "refreshed") render();
  }));
}

function draw(main: HTMLElement, profile: Profile, ctx: PageContext, rerender: () => void): void {
  document.title = `${profile.name ?? profile.id} · peergraph`;
  const counts = countsCard(profile);
  const trustSlot = h("div", { class: "trust-slot" }, trustCard(profile.trust, profile.claimed));
  const actions = h("section", { class: "card actions", "aria-labelledby": "actions-title" }, h("h2", { id: "actions-title" }, "Actions"), h("p", { class: "muted" }, "Loading…"));
  const badges = h(
    "p",
    { class: "badges" },
    profile.openToCollaborate ? h("span", { class: "badge open" }, "Open to collaborate") : null,
    profile.orcid ? h("span", { class: "badge" }, `ORCID ${profile.orcid}`) : null,
    h("span", { class: "badge muted" }, profile.id),
  );
  const header = headCard("Researcher", profile.name ?? profile.id, summaryOf(profile), affiliationOf(profile), badges);
  const graph = graphPanel(profile.id, 2);
  const nextWorks = (after: string) =>
    gql<{ author: { works: WorkPage } | null }>(AUTHOR_WORKS, { id: profile.id, after }).then((d) => {
      if (!d.author) throw new Error("the author is gone");
      return d.author.works;
    });
  replace(
    main,
    pageLayout([header, counts, graph.section, workList(profile.works, nextWorks)], [trustSlot, actions, collaboratorsCard(profile), topicsCard(profile)]),
  );
  const onSocial = (social: Social) => {
    replace(trustSlot, trustCard(social.trust, social.claimed));
    const followers = counts.querySelector('[data-count="followers"] dd');
    if (followers) followers.textContent = social.followers.toLocaleString("en");
  };
  const loadActions = () => {
    gql<{ authorProfile: Social | null }>(AUTHOR_SOCIAL, { id: profile.id })
      .then((data) => {
        if (ctx.gone() || !data.authorProfile) return;
        drawActions(actions, profile, data.authorProfile, onSocial, rerender);
      })
      .catch((problem: unknown) => replace(actions, h("h2", { id: "actions-title" }, "Actions"), problemBox(problem, loadActions)));
  };
  loadActions();
}

function drawActions(box: HTMLElement, profile: Profile, social: Social, onSocial: (s: Social) => void, rerender: () => void): void {
  const viewer = session.viewer();
  const message = h("p", { class: "form-message", role: "alert" });
  const fail = (problem: unknown) => replace(message, problemBox(problem));

  // Follow, with the live follower count.
  const followers = h("span", { class: "followers", "data-followers": String(social.followers) }, plural(social.followers, "follower"));
  const follow = h("button", { type: "button", class: social.viewerIsFollowing ? "secondary" : "primary", "aria-pressed": String(social.viewerIsFollowing) });
  follow.textContent = !viewer ? "Log in to follow" : social.viewerIsFollowing ? "Unfollow" : "Follow researcher";
  follow.addEventListener("click", () => {
    if (!session.viewer()) {
      openAccount("login", "Log in (or create an account) to follow this researcher.");
      return;
    }
    follow.disabled = true;
    gql<Record<string, Social>>(social.viewerIsFollowing ? UNFOLLOW : FOLLOW, { id: profile.id })
      .then((data) => {
        const next = data.followAuthor ?? data.unfollowAuthor;
        onSocial(next);
        drawActions(box, profile, next, onSocial, rerender);
      })
      .catch((problem: unknown) => {
        follow.disabled = false;
        fail(problem);
      });
  });

  replace(
    box,
    h("h2", { id: "actions-title" }, "Actions"),
    h("div", { class: "action follow" }, follow, followers, social.viewerIsFollowing ? h("span", { class: "muted" }, " · you follow") : null),
    claimBlock(profile, social, fail, rerender),
    collaborationBlock(profile, social, fail, rerender),
    message,
  );
}

function claimBlock(profile: Profile, social: Social, fail: (p: unknown) => void, rerender: () => void): HTMLElement {
  const viewer = session.viewer();
  const block = h("div", { class: "action claim" });
  const after = () => refreshViewer().then(rerender);
  if (social.claimedByViewer) {
    const release = h("button", { type: "button", class: "secondary" }, "Release claim");
    release.addEventListener("click", () => {
      release.disabled = true;
      gql(RELEASE, { id: profile.id }).then(after).catch(fail);
    });
    block.append(h("p", { class: "claimed-by-you" }, "You claim this author."), release);
  } else if (social.claimed) {
    block.append(h("p", null, "Claimed by a researcher."));
  } else if (!viewer) {
    block.append(
      h("button", { type: "button", class: "secondary", onclick: () => openAccount("login", "Log in (or create an account) to claim this author as yourself.") }, "Log in to claim"),
    );
  } else if (viewer.claimedAuthorIds.length > 0) {
    const own = viewer.claimedAuthorIds[0];
    block.append(h("p", { class: "muted" }, "Your account already claims ", h("a", { href: `/authors/${encodeURIComponent(own)}` }, "another author"), "."));
  } else if (!viewer.emailVerified) {
    block.append(
      h("p", { class: "muted" }, "Claiming needs a verified email, or signing in with the author's ORCID iD."),
      h("button", { type: "button", class: "secondary", onclick: () => openAccount("verify", "Paste the token (or the link) from the verification mail.") }, "Verify email to claim"),
    );
    offerOrcid(block, profile);
  } else {
    const claim = h("button", { type: "button", class: "primary" }, "Claim this author");
    claim.addEventListener("click", () => {
      claim.disabled = true;
      gql(CLAIM, { id: profile.id, evidence: "claimed on the researcher page" })
        .then(after)
        .catch((problem: unknown) => {
          claim.disabled = false;
          fail(problem);
        });
    });
    block.append(h("p", { class: "muted" }, "Is this you? A claim with your verified email makes the record Verification L2."), claim);
    offerOrcid(block, profile);
  }
  return block;
}

/** "Sign in with ORCID", where the API has it configured and the author has an iD to match (Verification L3). */
function offerOrcid(block: HTMLElement, profile: Profile): void {
  if (!profile.orcid) return;
  void orcidSignIn().then((signIn) => {
    if (signIn && block.isConnected) {
      block.append(h("p", { class: "muted" }, "Or sign in with ORCID as ", profile.orcid, ": Verification L3."), orcidButton(signIn, profile.id));
    }
  });
}

function collaborationBlock(profile: Profile, social: Social, fail: (p: unknown) => void, rerender: () => void): HTMLElement {
  const viewer = session.viewer();
  const block = h("div", { class: "action collaboration", "aria-labelledby": "collab-action-title" }, h("h3", { id: "collab-action-title" }, "Direct collaboration"));
  if (!viewer || viewer.claimedAuthorIds.length === 0) {
    block.classList.add("locked");
    block.append(h("p", { class: "locked-note" }, LOCKED));
    return block;
  }
  if (social.claimedByViewer) {
    block.append(ownSettings(profile, social, fail, rerender), inbox());
    return block;
  }
  if (!social.claimed) {
    block.append(h("p", { class: "muted" }, "This author is not claimed yet: invitations go to claimed researchers only."));
    return block;
  }
  if (!social.openToCollaborate) {
    block.append(h("p", { class: "muted" }, "This researcher is not open to collaboration invitations right now."));
    return block;
  }
  const text = h("textarea", { name: "message", rows: 3, required: true, maxlength: 2000, "aria-label": "Invitation message" });
  const sent = h("p", { class: "sent", role: "status" });
  const send = h("button", { type: "submit", class: "primary" }, "Send invitation");
  const form = h("form", { class: "invite" }, h("label", { class: "field" }, h("span", null, "Message"), text), send, sent);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    send.disabled = true;
    gql<{ sendCollaborationInvite: { id: string; status: string } }>(SEND_INVITE, { to: profile.id, message: text.value })
      .then(() => {
        sent.textContent = "Invitation sent.";
        text.value = "";
      })
      .catch(fail)
      .finally(() => {
        send.disabled = false;
      });
  });
  block.append(form);
  return block;
}

function ownSettings(profile: Profile, social: Social, fail: (p: unknown) => void, rerender: () => void): HTMLElement {
  const box = h("div", { class: "own" }, h("p", { class: "claimed-by-you" }, "This is your author record: choose who may invite you."));
  gql<{ authorProfile: { settings: Settings | null } | null }>(OWN_SETTINGS, { id: profile.id })
    .then((data) => box.append(settingsForm(profile, data.authorProfile?.settings ?? null, social, fail, rerender)))
    .catch(fail);
  return box;
}

function settingsForm(profile: Profile, settings: Settings | null, social: Social, fail: (p: unknown) => void, rerender: () => void): HTMLElement {
  const open = h("input", { type: "checkbox", name: "openToCollaborate", checked: settings?.openToCollaborate ?? social.openToCollaborate });
  const policy = h(
    "select",
    { name: "invitePolicy", "aria-label": "Who may invite you" },
    [
      ["CLAIMED_RESEARCHERS", "Claimed researchers"],
      ["ANYONE_LOGGED_IN", "Anyone logged in"],
      ["NOBODY", "Nobody"],
    ].map(([value, label]) => h("option", { value, selected: settings?.invitePolicy === value }, label)),
  );
  const save = h("button", { type: "submit", class: "secondary" }, "Save settings");
  const form = h(
    "form",
    { class: "settings" },
    h("label", { class: "check" }, open, " Open to collaborate"),
    h("label", { class: "field" }, h("span", null, "Who may invite you"), policy),
    save,
  );
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    save.disabled = true;
    gql(UPDATE_PROFILE, { id: profile.id, input: { openToCollaborate: open.checked, invitePolicy: policy.value } })
      .then(rerender)
      .catch((problem: unknown) => {
        save.disabled = false;
        fail(problem);
      });
  });
  return form;
}

interface InboxAnswer {
  invitations: {
    totalCount: number;
    edges: { node: { id: string; message: string; status: string; createdAt: string; sender: { displayName: string }; fromAuthorId: string } }[];
  };
}

function inbox(): HTMLElement {
  const box = h("div", { class: "inbox" }, h("h4", null, "Inbox"), h("p", { class: "muted" }, "Loading…"));
  const load = () => {
    gql<InboxAnswer>(INBOX)
      .then((data) => {
        const items = data.invitations.edges.map(({ node }) => {
          const answer = (response: "ACCEPT" | "DECLINE") => () => {
            gql(RESPOND, { id: node.id, response }).then(load).catch((problem: unknown) => replace(box, problemBox(problem, load)));
          };
          return h(
            "li",
            { class: "invitation", "data-status": node.status },
            h("p", null, h("strong", null, node.sender.displayName), " (", h("a", { href: `/authors/${encodeURIComponent(node.fromAuthorId)}` }, node.fromAuthorId), ")"),
            h("blockquote", null, node.message),
            h("p", { class: "muted" }, `${node.status.toLowerCase()} · ${node.createdAt.slice(0, 10)}`),
            node.status === "PENDING"
              ? h("div", { class: "row" }, h("button", { type: "button", class: "secondary", onclick: answer("ACCEPT") }, "Accept"), h("button", { type: "button", class: "secondary", onclick: answer("DECLINE") }, "Decline"))
              : null,
          );
        });
        replace(
          box,
          h("h4", null, `Inbox (${data.invitations.totalCount})`),
          items.length ? h("ul", { class: "invitations" }, items) : h("p", { class: "muted" }, "No invitations yet."),
        );
      })
      .catch((problem: unknown) => replace(box, h("h4", null, "Inbox"), problemBox(problem, load)));
  };
  load();
  return box;
}
