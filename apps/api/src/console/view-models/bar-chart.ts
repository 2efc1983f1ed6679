/** A series of a bar chart: its name (legend and every bar's text) and its CSS class (`series-1` …). */
export interface ChartSeries {
  label: string;
  cls: string;
}

/** One category of a bar chart: its name and one value per series (null: no value, written 无数据). */
export interface ChartCategory {
  label: string;
  values: readonly (number | null)[];
}

/** What a chart shows, before layout. */
export interface ChartSpec {
  /** Unique on the page; the SVG's title and description ids derive from it. */
  id: string;
  title: string;
  /** The axis of the categories (listed top to bottom), e.g. 环节. */
  categoryAxis: string;
  /** The value axis (left to right), with its unit, e.g. 工作日. */
  valueAxis: string;
  /** The unit written after each value, e.g. 件 or 工作日 ('' for none). */
  unit: string;
  series: readonly ChartSeries[];
  categories: readonly ChartCategory[];
}

/** A bar laid out: its rectangle (SVG user units), its class, and its value as text beside it. */
export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  cls: string;
  text: string;
  textX: number;
  textY: number;
}

/** A chart laid out for an inline SVG (viewBox 0 0 width height), every number also written as text. */
export interface BarChart {
  id: string;
  title: string;
  categoryAxis: string;
  valueAxis: string;
  width: number;
  height: number;
  /** The legend: a swatch and the series' name per series. */
  legend: { x: number; y: number; label: string; cls: string }[];
  categories: { label: string; labelY: number; bars: ChartBar[] }[];
  /** The value axis: its line at `y` from `x0` to `x1`, ticks with their values, its title at `titleY`. */
  axis: { y: number; x0: number; x1: number; ticks: { x: number; label: string }[]; titleY: number };
  /** No category at all: the SVG says so instead of bars. */
  empty: boolean;
}

/** Layout in SVG user units: the chart is 640 wide, scaled by CSS to the page's width. */
const WIDTH = 640;
const LEFT = 12;
/** Room right of the longest bar for its value's text. */
const TEXT_ROOM = 200;
const BAR = 18;
const BAR_GAP = 4;
const LABEL = 22;
const CATEGORY_GAP = 14;
const TOP = 44;
const TICKS = 4;

/** The smallest of 1, 2, 5 × 10ⁿ at or above `n` (at least 1): the value axis's end. */
export function niceCeiling(n: number): number {
  if (!(n > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= n - 1e-9)!;
}

/**
 * The value axis for values up to `max`: a step of 1, 2 or 5 × 10ⁿ giving at most TICKS steps, and
 * the axis's end, the first multiple of the step at or above `max` (an axis of 0 to 1 when all are 0).
 */
export function valueAxis(max: number): { end: number; step: number } {
  const top = max > 0 ? max : 1;
  const step = niceCeiling(top / TICKS);
  return { end: step * Math.ceil(top / step - 1e-9), step };
}

/** `n` as the charts and tables write it: whole numbers plain, others to one decimal. */
export function formatValue(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/**
 * Lays out `spec` as horizontal grouped bars: each category's name on its own line (long window and
 * department names never cut), then one bar per series, each followed by `<series> <value><unit>`
 * in words, so neither the colour nor the bar's length is the only way to read it. Values below
 * zero are drawn as zero-length bars with their value written.
 */
export function layoutBarChart(spec: ChartSpec): BarChart {
  const { end: max, step } = valueAxis(
    Math.max(0, ...spec.categories.flatMap((c) => c.values.map((v) => v ?? 0))),
  );
  const x1 = WIDTH - TEXT_ROOM;
  const scale = (v: number) => (Math.max(0, v) / max) * (x1 - LEFT);
  let y = TOP;
  const categories = spec.categories.map((category) => {
    const labelY = y + 15;
    y += LABEL;
    const bars = spec.series.map((series, i): ChartBar => {
      const value = category.values[i] ?? null;
      const width = value === null ? 0 : scale(value);
      const bar = {
        x: LEFT,
        y,
        width: round(width),
        height: BAR,
        cls: series.cls,
        text: `${series.label} ${value === null ? '无数据' : `${formatValue(value)}${spec.unit}`}`,
        textX: round(LEFT + width + 6),
        textY: y + 14,
      };
      y += BAR + BAR_GAP;
      return bar;
    });
    y += CATEGORY_GAP;
    return { label: category.label, labelY, bars };
  });
  if (categories.length === 0) y += 30;
  const ticks = Array.from({ length: Math.round(max / step) + 1 }, (_, i) => ({
    x: round(LEFT + ((x1 - LEFT) * i * step) / max),
    label: formatValue(i * step),
  }));
  return {
    id: spec.id,
    title: spec.title,
    categoryAxis: spec.categoryAxis,
    valueAxis: spec.valueAxis,
    width: WIDTH,
    height: y + 48,
    legend: spec.series.map((s, i) => ({ x: LEFT + i * 140, y: 16, label: s.label, cls: s.cls })),
    categories,
    axis: { y, x0: LEFT, x1, ticks, titleY: y + 40 },
    empty: categories.length === 0,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
