// Integer sample weights must act like repeated rows; this builds the repeated-rows side.

/**
 * Each row of X (and its label) repeated `counts[i]` times, in order.
 *
 * @example
 * duplicateRows([[1], [2]], ["a", "b"], [2, 0]); // { X: [[1], [1]], y: ["a", "a"] }
 */
export function duplicateRows<Y>(X: number[][], y: Y[], counts: number[]): { X: number[][]; y: Y[] } {
  const Xd: number[][] = [];
  const yd: Y[] = [];
  X.forEach((row, i) => {
    for (let r = 0; r < counts[i]; r++) {
      Xd.push(row);
      yd.push(y[i]);
    }
  });
  return { X: Xd, y: yd };
}
