// The shapes of the answers the pages read (schema.graphql names, as the operations select them).

export type EntityKind = "AUTHOR" | "WORK" | "TOPIC" | "INSTITUTION" | "SOURCE";

export interface Named {
  id: string;
  name: string | null;
}

export interface TrustFactor {
  name: string;
  points: number;
  detail: string;
}

export interface Trust {
  score: number;
  label: string;
  verificationLevel: string;
  factors: TrustFactor[];
}

export interface WorkSummary {
  id: string;
  title: string | null;
  type: string | null;
  year: number | null;
  venue: Named | null;
}

export interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

export interface WorkPage {
  totalCount: number;
  pageInfo: PageInfo;
  edges: { node: WorkSummary }[];
}

export interface Profile {
  id: string;
  name: string | null;
  orcid: string | null;
  affiliation: (Named & { countryCode: string | null }) | null;
  affiliationStatus: "KNOWN" | "NOT_IMPORTED" | "HIDDEN";
  openToCollaborate: boolean;
  claimed: boolean;
  viewerIsFollowing: boolean;
  trust: Trust;
  counts: { works: number; followers: number; topics: number; closeCollaborators: number };
  topics: { workCount: number; topic: Named }[];
  closeCollaborators: { sharedWorkCount: number; author: Named }[];
  works: WorkPage;
}

export interface Social {
  claimed: boolean;
  followers: number;
  viewerIsFollowing: boolean;
  openToCollaborate: boolean;
  claimedByViewer: boolean;
  trust: Trust;
}

export interface Settings {
  openToCollaborate: boolean;
  invitePolicy: string;
}

export interface SliceNode {
  id: string;
  kind: EntityKind;
  label: string;
}

export interface SliceEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  weight: number;
}

export interface Slice {
  truncated: boolean;
  nodes: SliceNode[];
  edges: SliceEdge[];
}

export interface CoauthorPath {
  hops: number;
  authors: Named[];
  links: { source: Named; target: Named; works: { id: string; title: string | null; year: number | null }[] }[];
}
