/** Fewest usable labels per part to go on with (after unsure answers, failures or a spent budget): fewer cannot fit and measure a model. */
export const MIN_LABELS = { train: 10, validation: 5, test: 5 };
