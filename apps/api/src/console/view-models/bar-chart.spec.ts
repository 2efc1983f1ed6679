import { formatValue, layoutBarChart, niceCeiling, valueAxis } from './bar-chart';

describe('bar charts', () => {
  it('ends the value axis on 1, 2 or 5 times a power of ten', () => {
    expect([0, 0.4, 1, 3, 7, 12, 50, 51].map(niceCeiling)).toEqual([1, 0.5, 1, 5, 10, 20, 50, 100]);
  });

  it('steps the value axis by 1, 2 or 5 times a power of ten, at most four steps', () => {
    expect([0, 4, 7, 100, 2.5].map(valueAxis)).toEqual([
      { end: 1, step: 0.5 },
      { end: 4, step: 1 },
      { end: 8, step: 2 },
      { end: 100, step: 50 },
      { end: 3, step: 1 },
    ]);
  });

  it('writes whole numbers plain and others to one decimal', () => {
    expect([3, 2.25, 0].map(formatValue)).toEqual(['3', '2.3', '0']);
  });

  it('draws a bar per series and category, each with its series and value in words', () => {
    const chart = layoutBarChart({
      id: 'c',
      title: 'T',
      categoryAxis: '责任方',
      valueAxis: '件数',
      unit: ' 件',
      series: [
        { label: '已超期', cls: 'series-overdue' },
        { label: '预警', cls: 'series-warned' },
      ],
      categories: [
        { label: '收件窗口', values: [4, 1] },
        { label: '业务属地部门', values: [0, null] },
      ],
    });
    expect(chart.categories.map((c) => c.bars.map((b) => b.text))).toEqual([
      ['已超期 4 件', '预警 1 件'],
      ['已超期 0 件', '预警 无数据'],
    ]);
    const [full, quarter] = chart.categories[0].bars;
    expect(quarter.width * 4).toBeCloseTo(full.width, 0);
    expect(chart.axis.ticks.map((t) => t.label)).toEqual(['0', '1', '2', '3', '4']);
    const bottom = Math.max(...chart.categories.flatMap((c) => c.bars.map((b) => b.y + b.height)));
    expect(chart.axis.y).toBeGreaterThanOrEqual(bottom);
    expect(chart.height).toBeGreaterThan(chart.axis.titleY);
    expect(chart.empty).toBe(false);
  });

  it('says so when there is nothing to draw', () => {
    const chart = layoutBarChart({
      id: 'c',
      title: 'T',
      categoryAxis: 'a',
      valueAxis: 'b',
      unit: '',
      series: [{ label: 's', cls: 'series-1' }],
      categories: [],
    });
    expect(chart.empty).toBe(true);
    expect(chart.axis.ticks.map((t) => t.label)).toEqual(['0', '0.5', '1']);
  });
});
