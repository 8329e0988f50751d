/**
 * A line or stacked-area chart as inline SVG: axes with "nice" ticks (1, 2, 5 × 10^n),
 * axis titles with their units, and a legend. Used for the simulation plots; it knows
 * nothing about simulations. Series names are escaped like every other text.
 */
import { fitText, formatNumber, html, join, type Markup } from "./markup.js";

export interface ChartPoint {
  readonly x: number;
  readonly y: number;
}

export interface ChartSeries {
  readonly name: string;
  readonly points: readonly ChartPoint[];
}

export interface LineChartOptions {
  readonly title: string;
  /** Axis titles, units included: "time (minutes)", "replicas", "USD per hour". */
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly ChartSeries[];
  /** Stack the series as filled areas (their sum is the top line). @default false: lines */
  readonly stacked?: boolean;
  /** @default 1100 */
  readonly width?: number;
  /** @default 300 */
  readonly height?: number;
  /** Formats y tick labels, e.g. dollars. @default formatNumber */
  readonly formatY?: (value: number) => string;
}

/** Colours with enough contrast on white and from each other, repeated past eight series. */
export const SERIES_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"] as const;

const PLOT = { left: 64, right: 16, top: 32, bottom: 44 } as const;
const LEGEND_ROW = 18;

/**
 * Tick values covering [min, max] at a step of 1, 2 or 5 × 10^n, about `count` of them.
 * A flat range is widened so the axis still has a scale.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  let low = Math.min(min, max);
  let high = Math.max(min, max);
  // Sums of huge values overflow: such an axis gets a unit scale rather than no end.
  if (!Number.isFinite(low) || !Number.isFinite(high) || !Number.isFinite(high - low)) return [0, 1];
  if (high === low) high = low === 0 ? 1 : low + Math.abs(low);
  const raw = (high - low) / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= raw) ?? 10 * magnitude;
  low = Math.floor(low / step) * step;
  high = Math.ceil(high / step) * step;
  const steps = Math.round((high - low) / step);
  if (!Number.isFinite(steps) || !Number.isFinite(high)) return [0, 1];
  // Rounded to the step's precision so 0.1 + 0.2 prints as 0.3.
  const decimals = Math.min(20, Math.max(0, -Math.floor(Math.log10(step))));
  return Array.from({ length: steps + 1 }, (_, index) => Number((low + index * step).toFixed(decimals)));
}

export function lineChart(options: LineChartOptions): Markup {
  const width = options.width ?? 1100;
  const series = options.series;
  const legendRows = Math.ceil(series.length / 4);
  const height = (options.height ?? 300) + legendRows * LEGEND_ROW;
  const plotWidth = width - PLOT.left - PLOT.right;
  const plotHeight = height - PLOT.top - PLOT.bottom - legendRows * LEGEND_ROW;
  const formatY = options.formatY ?? formatNumber;

  // Stacked: each series is drawn on top of the ones before it, at the same x values.
  const layers = options.stacked ? stack(series) : series.map((entry) => ({ name: entry.name, lower: undefined, upper: entry.points }));
  const xs = series.flatMap((entry) => entry.points.map((point) => point.x));
  const ys = layers.flatMap((layer) => layer.upper.map((point) => point.y));
  // Folded, not spread: a long simulation has more points than a call may take arguments.
  const xTicks = niceTicks(xs.length > 0 ? xs.reduce((a, b) => Math.min(a, b)) : 0, xs.length > 0 ? xs.reduce((a, b) => Math.max(a, b)) : 1, 8);
  const yTicks = niceTicks(0, ys.reduce((a, b) => Math.max(a, b), 0) || 1, 5);
  const xMin = xTicks[0]!;
  const xMax = xTicks[xTicks.length - 1]!;
  const yMin = yTicks[0]!;
  const yMax = yTicks[yTicks.length - 1]!;
  const sx = (x: number) => PLOT.left + ((x - xMin) / (xMax - xMin)) * plotWidth;
  const sy = (y: number) => PLOT.top + plotHeight - ((y - yMin) / (yMax - yMin)) * plotHeight;
  const path = (points: readonly ChartPoint[]) => points.map((point, index) => `${index === 0 ? "M" : "L"}${formatNumber(sx(point.x))} ${formatNumber(sy(point.y))}`).join(" ");

  const grid = join([
    ...yTicks.map((tick) => html`<line class="grid" x1="${PLOT.left}" x2="${PLOT.left + plotWidth}" y1="${sy(tick)}" y2="${sy(tick)}"/><text class="tick" x="${PLOT.left - 6}" y="${sy(tick) + 4}" text-anchor="end">${formatY(tick)}</text>`),
    ...xTicks.map((tick) => html`<line class="tick-mark" x1="${sx(tick)}" x2="${sx(tick)}" y1="${PLOT.top + plotHeight}" y2="${PLOT.top + plotHeight + 5}"/><text class="tick" x="${sx(tick)}" y="${PLOT.top + plotHeight + 18}" text-anchor="middle">${formatNumber(tick)}</text>`),
  ]);
  const marks = layers.map((layer, index) => {
    const colour = SERIES_COLOURS[index % SERIES_COLOURS.length]!;
    if (layer.upper.length === 0) return html``;
    if (!options.stacked) {
      // A single sample has no segment to draw: a dot shows it.
      return layer.upper.length === 1
        ? html`<circle class="series" data-series="${layer.name}" cx="${sx(layer.upper[0]!.x)}" cy="${sy(layer.upper[0]!.y)}" r="3" fill="${colour}"/>`
        : html`<path class="series" data-series="${layer.name}" d="${path(layer.upper)}" fill="none" stroke="${colour}" stroke-width="2"/>`;
    }
    const lower = layer.lower ?? layer.upper.map((point) => ({ x: point.x, y: 0 }));
    const area = `${path(layer.upper)} ${[...lower].reverse().map((point) => `L${formatNumber(sx(point.x))} ${formatNumber(sy(point.y))}`).join(" ")} Z`;
    return html`<path class="series" data-series="${layer.name}" d="${area}" fill="${colour}" fill-opacity="0.55" stroke="${colour}" stroke-width="1.5"/>`;
  });
  const legendWidth = plotWidth / 4;
  const legend = series.map((entry, index) => {
    const x = PLOT.left + (index % 4) * legendWidth;
    const y = height - legendRows * LEGEND_ROW + Math.floor(index / 4) * LEGEND_ROW + 4;
    return html`<g class="legend-item"><title>${entry.name}</title><rect x="${x}" y="${y}" width="12" height="12" fill="${SERIES_COLOURS[index % SERIES_COLOURS.length]!}"/><text x="${x + 18}" y="${y + 10}">${fitText(entry.name, legendWidth - 24)}</text></g>`;
  });
  return html`<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${options.title}" font-size="12"><text class="chart-title" x="${PLOT.left}" y="18">${options.title}</text>${grid}<line class="axis" x1="${PLOT.left}" x2="${PLOT.left}" y1="${PLOT.top}" y2="${PLOT.top + plotHeight}"/><line class="axis" x1="${PLOT.left}" x2="${PLOT.left + plotWidth}" y1="${PLOT.top + plotHeight}" y2="${PLOT.top + plotHeight}"/>${marks}<text class="axis-title" x="${PLOT.left + plotWidth / 2}" y="${PLOT.top + plotHeight + 36}" text-anchor="middle">${options.xLabel}</text><text class="axis-title" transform="translate(14 ${PLOT.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${options.yLabel}</text><g class="legend">${legend}</g></svg>`;
}

/** Cumulative layers: the x values of all series, each series' y added to the sum below it (0 where it has no sample). */
function stack(series: readonly ChartSeries[]): { name: string; lower: ChartPoint[]; upper: ChartPoint[] }[] {
  const xs = [...new Set(series.flatMap((entry) => entry.points.map((point) => point.x)))].sort((a, b) => a - b);
  let base = xs.map(() => 0);
  return series.map((entry) => {
    const values = new Map(entry.points.map((point) => [point.x, point.y]));
    const top = xs.map((x, index) => base[index]! + (values.get(x) ?? 0));
    const layer = { name: entry.name, lower: xs.map((x, index) => ({ x, y: base[index]! })), upper: xs.map((x, index) => ({ x, y: top[index]! })) };
    base = top;
    return layer;
  });
}
