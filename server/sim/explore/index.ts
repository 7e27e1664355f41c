// The race explorer: search a scenario's orders for a run that breaks a property, shrink it.
export { explore, exploreLimits, exploreSteps, type ExploreAnswer, type ExploreOptions, type ExploreProgress } from "./search.ts";
export { no5xx, noLostUpdate, linearizable, propertyKinds, propertyOf, responsesEqual, predicateProperty, PropertyError, type PredicateAnswer, type PredicateInput, type PredicatePort, type Property, type PropertySpec } from "./properties.ts";
export type { AppliedChoice } from "./run.ts";
export type { Shrunk } from "./shrink.ts";
