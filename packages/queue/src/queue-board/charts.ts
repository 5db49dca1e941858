/**
 * The geometry of the board's two charts, plain numbers for an SVG: no charting library, nothing but what the charts
 * draw. Pure.
 * @module
 */

/** A round top for an axis that must reach `max`: 1, 2 or 5 times a power of ten (at least 1). */
export function axisTop(max: number): number {
  if (!(max > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  return [1, 2, 5, 10].map((step) => step * power).find((top) => top >= max)!;
}

/** Where a chart draws: its size in SVG units and the margin kept for the axis labels. */
export interface ChartFrame {
  width: number;
  height: number;
  /** Left margin (the value labels). */
  left: number;
  /** Bottom margin (the time labels). */
  bottom: number;
}

/** The `[x, y]` of each value of a line chart, spread evenly across the frame, 0 at the bottom and `top` at the top. */
export function linePoints(values: readonly number[], top: number, frame: ChartFrame): [number, number][] {
  const span = frame.width - frame.left;
  const tall = frame.height - frame.bottom;
  const step = values.length > 1 ? span / (values.length - 1) : 0;
  return values.map((value, index) => [
    Math.round((frame.left + index * step) * 10) / 10,
    Math.round((tall - (value / top) * (tall - 8)) * 10) / 10,
  ]);
}

/** The x, width, y and height of each bar of a bar chart over the frame, 0 at the bottom and `top` at the top. */
export function barRects(
  values: readonly number[],
  top: number,
  frame: ChartFrame,
): { x: number; y: number; width: number; height: number }[] {
  const slot = (frame.width - frame.left) / Math.max(1, values.length);
  const tall = frame.height - frame.bottom;
  return values.map((value, index) => {
    const height = Math.round((value / top) * (tall - 8) * 10) / 10;
    return {
      x: Math.round((frame.left + index * slot + slot * 0.15) * 10) / 10,
      y: Math.round((tall - height) * 10) / 10,
      width: Math.round(slot * 0.7 * 10) / 10,
      height,
    };
  });
}
