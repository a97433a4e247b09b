// Chart node → SVG (ECharts server-side rendering, no browser) and SVG → PNG (resvg). The labels on
// the chart are the ones compose formatted, so a pie shows the same percentages as the text.
// For the PNG, resvg is given a subset of the CJK font holding only the characters of the charts:
// loading a whole CJK font costs hundreds of milliseconds per chart, a subset a few.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { readFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import subsetFont from 'subset-font';
import type { Chart } from '../model/document.js';

export const CHART_SIZE = { width: 640, height: 360 };
const PALETTE = ['#3b6bb5', '#c0504d', '#9bbb59', '#8064a2', '#4bacc6', '#f79646', '#7f7f7f', '#2c4d75'];

function option(chart: Chart, fontFamily: string): echarts.EChartsCoreOption {
  const text = { fontFamily, color: '#000', fontSize: 12 };
  if (chart.kind === 'pie') {
    const series = chart.series[0]!;
    return {
      animation: false,
      color: PALETTE,
      textStyle: text,
      legend: { bottom: 0, textStyle: text, itemWidth: 14, itemHeight: 10 },
      series: [
        {
          type: 'pie',
          radius: ['0%', '52%'],
          center: ['50%', '45%'],
          minShowLabelAngle: 0,
          label: { formatter: (p: { dataIndex: number }) => `${chart.categories[p.dataIndex]}\n${chart.labels[0]![p.dataIndex]}`, ...text, fontSize: 11, lineHeight: 15 },
          labelLine: { length: 12, length2: 10 },
          // a zero slice stays in the legend (narrative.md A.5: “zero slices shown in the legend with 0%”)
          data: series.values.map((v, i) => ({ name: chart.categories[i], value: Number(v) })),
        },
      ],
    };
  }
  return {
    animation: false,
    color: PALETTE,
    textStyle: text,
    legend: { bottom: 0, textStyle: text },
    grid: { left: 70, right: 30, top: 40, bottom: 60 },
    xAxis: { type: 'category', data: chart.categories, axisLabel: text, axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', name: chart.unit, nameTextStyle: text, axisLabel: text },
    series: chart.series.map((s, si) => ({
      type: 'bar',
      name: s.name,
      barMaxWidth: 48,
      data: s.values.map((v) => Number(v)),
      label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => chart.labels[si]![p.dataIndex]!, ...text, fontSize: 11 },
    })),
  };
}

/** SVGs already drawn, by chart node and font: the PDF and the DOCX of a document draw each chart once. */
const drawn = new WeakMap<Chart, Map<string, string>>();

/** The chart as an SVG string (text as <text>, drawn in the document's font by the PDF renderer). */
export function chartSvg(chart: Chart, fontFamily: string): string {
  let byFont = drawn.get(chart);
  if (!byFont) drawn.set(chart, (byFont = new Map()));
  let svg = byFont.get(fontFamily);
  if (svg === undefined) {
    const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, ...CHART_SIZE });
    instance.setOption(option(chart, fontFamily));
    svg = instance.renderToSVGString();
    instance.dispose();
    byFont.set(fontFamily, svg);
  }
  return svg;
}

const require = createRequire(import.meta.url);
const FONT_DIR = join(dirname(require.resolve('@fontsource/noto-sans-sc/package.json')), 'files');
export const RASTER_FONT_FAMILY = 'Noto Sans SC';

/**
 * Turns charts into PNG for the DOCX. Call `prepare` with every chart of a document first: it writes
 * one font subset covering all their characters to a private temporary folder (removed by `close`).
 */
export class ChartRasterizer {
  private readonly dir = mkdtempSync(join(tmpdir(), 'juesuan-charts-'));
  private fontFiles: string[] = [];
  private covered = new Set<string>();
  private generation = 0;
  /** The subsetting in progress: documents prepared at the same time wait for each other's font. */
  private subsetting: Promise<void> = Promise.resolve();

  /** The private folder of the font subsets (removed by `close`). */
  get folder(): string {
    return this.dir;
  }

  /**
   * `likely`: characters any chart of the run may hold (their labels), so that the font is subset once
   * for a whole batch rather than again for each department's new words.
   */
  prepare(charts: readonly Chart[], likely = ''): Promise<void> {
    const svgs = charts.map((c) => chartSvg(c, RASTER_FONT_FAMILY));
    const chars = new Set([...svgs.flatMap((s) => [...s.replace(/<[^>]+>/g, '')]), ...likely]);
    // one after another: a character counts as covered only once a font file holding it is written
    const done = this.subsetting.catch(() => undefined).then(() => this.cover(chars));
    this.subsetting = done;
    return done;
  }

  private async cover(chars: ReadonlySet<string>): Promise<void> {
    if ([...chars].every((c) => this.covered.has(c))) return;
    for (const c of chars) this.covered.add(c);
    const text = [...this.covered].join('');
    const files = ['noto-sans-sc-chinese-simplified-400-normal.woff2', 'noto-sans-sc-latin-400-normal.woff2'];
    const subsets = await Promise.all(files.map((f) => subsetFont(readFileSync(join(FONT_DIR, f)), text, { targetFormat: 'truetype' })));
    this.generation++;
    this.fontFiles = subsets.map((bytes, i) => {
      const path = join(this.dir, `subset-${this.generation}-${i}.ttf`);
      writeFileSync(path, bytes);
      return path;
    });
  }

  /** PNG at twice the chart's size (sharp when printed at the chart's size). */
  png(chart: Chart): Uint8Array {
    const svg = chartSvg(chart, RASTER_FONT_FAMILY);
    const resvg = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: '#ffffff', font: { fontFiles: this.fontFiles, loadSystemFonts: false, defaultFontFamily: RASTER_FONT_FAMILY } });
    return resvg.render().asPng();
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
