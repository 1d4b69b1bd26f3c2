// The bitrate and frame-rate chart of the last minutes, from GET /streams/<code>/history, drawn by uPlot (loaded on
// first use). The latest figures are also written out in words, for screen readers.

import { h } from './dom.js';
import { UPLOT_CSS, UPLOT_JS, script, stylesheet } from './vendor.js';

export function historyChart() {
  const canvas = h('div.chart', { role: 'img', 'aria-label': 'Bitrate and frame rate, last minutes' });
  const summary = h('p.hint', {}, 'No samples yet: the stream has not been live since the server started.');
  const element = h('div', {}, canvas, summary);
  let plot = null;
  let closed = false;
  const resize = () => {
    if (plot) {
      plot.setSize(size());
    }
  };
  window.addEventListener('resize', resize);

  function size() {
    return { width: Math.max(200, canvas.clientWidth || 300), height: 180 };
  }

  async function draw(history) {
    const samples = history.samples || [];
    if (samples.length === 0) {
      return;
    }
    const last = samples[samples.length - 1];
    summary.textContent = `Now ${last.bitrateKbps} kbit/s, ${Number(last.frameRate).toFixed(1)} fps; `
      + `the last ${samples.length} s shown.`;
    const data = [samples.map((s) => Date.parse(s.at) / 1000), samples.map((s) => s.bitrateKbps),
      samples.map((s) => s.frameRate)];
    stylesheet(UPLOT_CSS);
    await script(UPLOT_JS);
    if (closed) {
      return;
    }
    if (!plot) {
      plot = new window.uPlot({
        ...size(),
        series: [{}, { label: 'kbit/s', stroke: '#1559c1', width: 2, scale: 'kbps' },
          { label: 'fps', stroke: '#b3261e', width: 1, scale: 'fps' }],
        axes: [{}, { scale: 'kbps', label: 'kbit/s' }, { scale: 'fps', side: 1, label: 'fps', grid: { show: false } }],
        scales: { kbps: { range: (u, min, max) => [0, Math.max(100, max * 1.15)] },
          fps: { range: (u, min, max) => [0, Math.max(30, max * 1.15)] } },
      }, data, canvas);
    } else {
      plot.setData(data);
    }
  }

  return {
    element,
    draw,
    close() {
      closed = true;
      window.removeEventListener('resize', resize);
      if (plot) {
        plot.destroy();
      }
    },
  };
}
