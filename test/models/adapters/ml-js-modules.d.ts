// Type declarations for the ml.js packages that ship none; the adapter tests and bench/models.ts
// train real ml.js models with them. Only the members those files use are declared.

declare module "ml-cart" {
  export interface MlCartOptions {
    gainFunction?: string;
    splitFunction?: string;
    minNumSamples?: number;
    maxDepth?: number;
    gainThreshold?: number;
  }
  export class DecisionTreeClassifier {
    constructor(options?: MlCartOptions);
    root: { classify(row: number[]): { to1DArray(): number[] } };
    train(X: number[][], y: number[]): void;
    predict(X: number[][]): number[];
    toJSON(): Record<string, unknown>;
    static load(json: unknown): DecisionTreeClassifier;
  }
  export class DecisionTreeRegression {
    constructor(options?: MlCartOptions);
    train(X: number[][], y: number[]): void;
    predict(X: number[][]): number[];
    toJSON(): Record<string, unknown>;
  }
}

declare module "ml-logistic-regression" {
  import type { Matrix } from "ml-matrix";
  export default class LogisticRegression {
    constructor(options?: { numSteps?: number; learningRate?: number });
    train(X: Matrix, y: Matrix): void;
    predict(X: Matrix): number[];
    toJSON(): Record<string, unknown>;
  }
}

declare module "ml-knn" {
  export default class KNN {
    constructor(X: number[][], y: number[], options?: { k?: number });
    predict(X: number[][]): number[];
  }
}
