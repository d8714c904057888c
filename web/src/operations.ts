// What the pages send. The explorer's reads are the contract's operations, taken verbatim from
// contract/explorer.graphql at build time (never retyped here); the rest are the public API's account
// mutations and the few reads the contract does not cover (pages for topics and institutions, paging).
import contract from "../../contract/explorer.graphql?raw";

function contractOperation(name: string): string {
  const start = contract.search(new RegExp(`^query ${name}\\b`, "m"));
  if (start < 0) throw new Error(`contract/explorer.graphql has no operation ${name}`);
  const rest = contract.slice(start);
  const next = rest.slice(1).search(/^(query|mutation) /m);
  return (next < 0 ? rest : rest.slice(0, next + 1)).replace(/(\n#[^\n]*|\n\s*)+$/, "\n");
}

export const RESEARCHER_PROFILE = contractOperation("ResearcherProfile");
export const COAUTHORS = contractOperation("Coauthors");
export const GRAPH_SLICE = contractOperation("GraphSlice");
export const WORK_DETAIL = contractOperation("WorkDetail");
export const SEARCH = contractOperation("Search");
/** The reads sent as persisted queries (api.ts): the contract's, whose texts never change between builds. */
export const PERSISTED: ReadonlySet<string> = new Set([RESEARCHER_PROFILE, COAUTHORS, GRAPH_SLICE, WORK_DETAIL, SEARCH]);

const WORK_FIELDS = "id title type year venue { id name }";
const WORK_PAGE = `totalCount pageInfo { hasNextPage endCursor } edges { node { ${WORK_FIELDS} } }`;

export const AUTHOR_WORKS = `query AuthorWorks($id: ID!, $after: String) {
  author(id: $id) { id works(first: 10, after: $after) { ${WORK_PAGE} } }
}`;
export const WORK_ABSTRACT = `query WorkAbstract($id: ID!) { work(id: $id) { id abstract } }`;
export const TOPIC_PAGE = `query TopicPage($id: ID!, $after: String) {
  node(id: $id) {
    __typename
    ... on Topic {
      id name subfield field domain workCount
      topAuthors(first: 10) { totalCount edges { workCount node { id name } } }
      works(first: 10, after: $after) { ${WORK_PAGE} }
    }
  }
}`;
export const INSTITUTION_PAGE = `query InstitutionPage($id: ID!, $after: String) {
  institution(id: $id) {
    id name countryCode ror type
    authors(first: 20) { totalCount edges { node { id name } } }
    works(first: 10, after: $after) { ${WORK_PAGE} }
  }
}`;
export const AUTOCOMPLETE_AUTHORS = `query AuthorsStartingWith($prefix: String!) {
  autocomplete(prefix: $prefix, types: [AUTHOR], first: 8) { id ... on Author { name } }
}`;
export const CONNECTION = `query Connection($from: ID!, $to: ID!) {
  connection(from: $from, to: $to, maxHops: 6) {
    hops
    authors { id name }
    links { source { id name } target { id name } works { id title year } }
  }
}`;

/** Years of up to 15 works in one request (the API allows 15 aliases). */
export function workYears(count: number): string {
  const vars = Array.from({ length: count }, (_, i) => `$w${i}: ID!`).join(", ");
  const fields = Array.from({ length: count }, (_, i) => `w${i}: work(id: $w${i}) { id year }`).join("\n  ");
  return `query WorkYears(${vars}) {\n  ${fields}\n}`;
}

export const VIEWER = `query Viewer { viewer { id email displayName emailVerified claimedAuthorIds } }`;
const VIEWER_FIELDS = "id email displayName emailVerified claimedAuthorIds";
export const REGISTER = `mutation Register($email: String!, $password: String!, $displayName: String!) {
  register(email: $email, password: $password, displayName: $displayName) { accepted message }
}`;
export const VERIFY_EMAIL = `mutation VerifyEmail($token: String!) { verifyEmail(token: $token) }`;
export const REQUEST_VERIFICATION = `mutation RequestEmailVerification { requestEmailVerification }`;
export const LOGIN = `mutation Login($email: String!, $password: String!) {
  login(email: $email, password: $password) { token expiresAt viewer { ${VIEWER_FIELDS} } }
}`;

const PROFILE_FIELDS = `claimed followers viewerIsFollowing openToCollaborate claimedByViewer
  trust { score label verificationLevel factors { name points detail } }`;
// The claimant's own settings (the API answers them to the claimant and admins only).
export const OWN_SETTINGS = `query OwnSettings($id: ID!) { authorProfile(id: $id) { settings { openToCollaborate invitePolicy } } }`;
export const AUTHOR_SOCIAL = `query AuthorSocial($id: ID!) { authorProfile(id: $id) { ${PROFILE_FIELDS} } }`;
export const FOLLOW = `mutation FollowAuthor($id: ID!) { followAuthor(id: $id) { ${PROFILE_FIELDS} } }`;
export const UNFOLLOW = `mutation UnfollowAuthor($id: ID!) { unfollowAuthor(id: $id) { ${PROFILE_FIELDS} } }`;
export const CLAIM = `mutation ClaimAuthor($id: ID!, $evidence: String) {
  claimAuthor(id: $id, evidence: $evidence) { ${PROFILE_FIELDS} }
}`;
export const CLAIM_WITH_ORCID = `mutation ClaimAuthorWithOrcid($id: ID!, $orcidIdToken: String!) {
  claimAuthor(id: $id, orcidIdToken: $orcidIdToken) { ${PROFILE_FIELDS} }
}`;
export const ORCID_SIGN_IN = `query OrcidSignIn { orcidSignIn { authorizeUrl clientId issuer } }`;
export const RELEASE = `mutation ReleaseClaim($id: ID!) { releaseClaim(id: $id) { ${PROFILE_FIELDS} } }`;
export const UPDATE_PROFILE = `mutation UpdateAuthorProfile($id: ID!, $input: ProfileSettingsInput!) {
  updateAuthorProfile(id: $id, input: $input) { ${PROFILE_FIELDS} }
}`;
export const SEND_INVITE = `mutation SendCollaborationInvite($to: ID!, $message: String!) {
  sendCollaborationInvite(to: $to, message: $message) { id status createdAt }
}`;
export const INBOX = `query Inbox {
  invitations(box: INBOX, first: 20) {
    totalCount
    edges { node { id message status createdAt sender { id displayName } fromAuthorId } }
  }
}`;
export const RESPOND = `mutation RespondToInvite($id: ID!, $response: InviteResponse!) {
  respondToInvite(id: $id, response: $response) { id status }
}`;
