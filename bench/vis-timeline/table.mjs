// SPDX-License-Identifier: GPL-3.0-or-later
// Prints the markdown table of bench/compare-vis.sh from the JSON lines the
// two sides wrote:  node table.mjs N CHRONO.json VIS.json [N CHRONO.json VIS.json]…
// Ratios are vis-timeline's time over Chronoscope's (> 1: Chronoscope faster).

import { readFileSync } from 'node:fs';

function read (path) {
  try {
    const lines = readFileSync(path, 'utf8').trim().split('\n').filter(Boolean);
    return JSON.parse(lines[lines.length - 1]);
  } catch (e) {
    return { status: 'error', error: `no result (${e.message})` };
  }
}

const ms = x => x >= 100 ? x.toFixed(0) : x.toFixed(1);
const ratio = x => x >= 10 ? `${x.toFixed(0)}×` : `${x.toFixed(1)}×`;

function cell (side, key) {
  if (side.status === 'ok')
    return ms(side[key]);
  if (side.status === 'timeout')
    return `did not finish in ${side.limit_s} s`;
  return `failed: ${side.error ?? 'unknown'}`;
}

function ratioCell (chrono, vis, key) {
  if (chrono.status !== 'ok')
    return '—';
  if (vis.status === 'ok')
    return ratio(vis[key] / chrono[key]);
  if (vis.status === 'timeout' && key === 'first_median_ms')
    return `> ${ratio(vis.limit_s * 1000 / chrono.first_ms_median)}`;
  return '—';
}

const args = process.argv.slice(2);
const rows = [];
for (let i = 0; i + 2 < args.length; i += 3) {
  const chrono = read(args[i + 1]);
  const vis = read(args[i + 2]);
  if (chrono.status === 'ok') {
    chrono.first_median_ms = chrono.first_ms_median;
    chrono.zoom_median_ms = chrono.zoom_ms_median;
  }
  const zoomVis = vis.status === 'timeout' ? '—' : cell(vis, 'zoom_median_ms');
  rows.push([
    Number(args[i]).toLocaleString('en-US'),
    cell(chrono, 'first_median_ms'),
    cell(vis, 'first_median_ms'),
    ratioCell(chrono, vis, 'first_median_ms'),
    cell(chrono, 'zoom_median_ms'),
    zoomVis,
    ratioCell(chrono, vis, 'zoom_median_ms'),
  ]);
}

console.log('| events | Chronoscope first frame ms | vis-timeline first render ms | ratio | Chronoscope zoom redraw ms | vis-timeline zoom redraw ms | ratio |');
console.log('|-------:|---------------------------:|-----------------------------:|------:|---------------------------:|----------------------------:|------:|');
for (const row of rows)
  console.log(`| ${row.join(' | ')} |`);
