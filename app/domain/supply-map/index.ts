/** Public API of the supply-map domain (pure: no Remix, no database). */
export type { AlternateStatus, Criticality, DeclaredBy, MapAlternate, MapDependency, MapService, MapSupplier, Severity, SupplyGraph, SupplyGraphInput } from "./graph";
export { buildSupplyGraph, dependencyCycles } from "./graph";
export type { MapEdge, MapFilters, MapNode, MapView } from "./map-view";
export { DEFAULT_NODE_CAP, buildMapView } from "./map-view";
export type { ConcentrationResult, CountryConcentration, SupplierConcentration } from "./concentration";
export { CONCENTRATION_COUNT_CAP, computeConcentration, singlePointsOfFailure } from "./concentration";
export type { CandidatePair, MatchReason, ResolvableEntity } from "./resolution";
export { MATCH_REASON_LABELS, candidatePairs, findMatch, matchReasons, normalizeDuns, normalizeLei, pairKey } from "./resolution";
export { SEVERITY_COLOURS, SEVERITY_LEGEND } from "./legend";
