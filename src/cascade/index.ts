// Public API of src/cascade (re-exports only).
export { cascadeFrontier, type CascadePoint, type CascadeRows } from "./cascade-frontier.ts";
export { chooseCascadeThreshold, type CascadeChoice } from "./choose-cascade-threshold.ts";
