// SPDX-License-Identifier: GPL-3.0-or-later
// vis-timeline side of bench/compare-vis.sh: renders a Chronoscope native
// file with vis-timeline in headless Chromium and prints one JSON line:
//   {"events":N,"status":"ok","first_ms":[…],"zoom_ms":[…],…}
//   {"events":N,"status":"timeout","limit_s":S,…}   when it did not finish
//
// --timeout bounds each run (page load to zoom painted), and separately the
// set-up (conversion, browser launch). A run past the limit ends the
// benchmark: with earlier runs done, their times are reported ("runs" says
// how many); with none, status is "timeout".
//
//   node bench-vis.mjs --file timeline.chrono.json [--runs 5] [--timeout 300]
//                      [--chromium /usr/bin/chromium] [--screenshots DIR]
//
// Serves the page, the vis files and the converted items on 127.0.0.1 only.

import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
const WIDTH = 1920;
const HEIGHT = 1080;
const YEAR_MS = 365.2425 * 86400e3;
const FIT_MARGIN = 0.02; // as chrono_viewport_fit in chrono-first-frame.c

const { values: opts } = parseArgs({
  options: {
    file: { type: 'string' },
    runs: { type: 'string', default: '5' },
    timeout: { type: 'string', default: '300' },
    chromium: { type: 'string', default: '/usr/bin/chromium' },
    screenshots: { type: 'string' }, // first run's frames, to check what was drawn
  },
});
if (!opts.file) {
  console.error('usage: node bench-vis.mjs --file FILE [--runs N] [--timeout SECONDS]');
  process.exit(2);
}
const runs = Math.max(1, parseInt(opts.runs, 10));
const limitS = Math.max(1, parseFloat(opts.timeout));
let deadline = Date.now() + limitS * 1000;

// EDTF as the generator writes it (YYYY, YYYY-MM, YYYY-MM-DD, date-time) to
// the [start, end) it covers, in ms since the epoch.
function edtfSpan (text) {
  let m;
  if ((m = /^(-?\d{4})$/.exec(text)))
    return [Date.UTC(+m[1], 0, 1), Date.UTC(+m[1] + 1, 0, 1), 'year'];
  if ((m = /^(-?\d{4})-(\d{2})$/.exec(text)))
    return [Date.UTC(+m[1], m[2] - 1, 1), Date.UTC(+m[1], +m[2], 1), 'month'];
  if ((m = /^(-?\d{4})-(\d{2})-(\d{2})$/.exec(text))) {
    const t = Date.UTC(+m[1], m[2] - 1, +m[3]);
    return [t, t + 86400e3, 'day'];
  }
  const t = Date.parse(text);
  if (Number.isNaN(t))
    throw new Error(`unsupported date ${JSON.stringify(text)}`);
  return [t, t + 1000, 'second'];
}

// Points as 'point', ranges as 'range', month or year precision as a range
// over that month or year (Chronoscope draws those as bands).
function convert (doc) {
  let lo = Infinity;
  let hi = -Infinity;
  const items = doc.events.map((ev, i) => {
    const [s0, s1, precision] = edtfSpan(ev.start);
    const item = { id: ev.id ?? i, content: ev.title ?? '' };
    let end = null;
    if (ev.end != null)
      end = edtfSpan(ev.end)[1];
    else if (precision === 'month' || precision === 'year')
      end = s1;
    item.start = s0;
    if (end != null) {
      item.end = end;
      item.type = 'range';
    } else {
      item.type = 'point';
    }
    lo = Math.min(lo, s0);
    hi = Math.max(hi, end ?? s0);
    return item;
  });
  return { items, lo, hi };
}

function median (xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : null;
}

function finish (result, code) {
  process.stdout.write(JSON.stringify(result) + '\n');
  process.exit(code); // playwright kills the browser it launched on exit
}

class Timeout extends Error {}

function bounded (promise, what) {
  const left = deadline - Date.now();
  let timer;
  const expire = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(what)), Math.max(0, left));
  });
  return Promise.race([promise, expire]).finally(() => clearTimeout(timer));
}

const lib = {
  '/lib/moment.min.js': 'node_modules/moment/min/moment.min.js',
  '/lib/vis-data.min.js': 'node_modules/vis-data/peer/umd/vis-data.min.js',
  '/lib/vis-timeline-graph2d.min.js': 'node_modules/vis-timeline/peer/umd/vis-timeline-graph2d.min.js',
  '/lib/vis-timeline-graph2d.min.css': 'node_modules/vis-timeline/styles/vis-timeline-graph2d.min.css',
};

const result = { events: 0, status: 'ok', runs, first_ms: [], zoom_ms: [], prepare_ms: [] };
let profile = null;
let context = null;

process.on('uncaughtException', e => {
  result.status = 'error';
  result.error = String(e && e.message || e);
  finish(result, 1);
});

const convertBegin = Date.now();
const { items, lo, hi } = convert(JSON.parse(readFileSync(opts.file, 'utf8')));
result.events = items.length;
result.convert_ms = Date.now() - convertBegin;
const itemsJson = Buffer.from(JSON.stringify(items));
items.length = 0;

const span = hi - lo;
const fitStart = lo - FIT_MARGIN * span;
const fitEnd = hi + FIT_MARGIN * span;
const centre = (fitStart + fitEnd) / 2;
const zoomStart = centre - YEAR_MS / 2;
const zoomEnd = centre + YEAR_MS / 2;

const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://127.0.0.1').pathname;
  let body = null;
  let type = 'text/plain';
  if (path === '/' || path === '/index.html') {
    body = readFileSync(join(here, 'page.html'));
    type = 'text/html; charset=utf-8';
  } else if (path === '/items.json') {
    body = itemsJson;
    type = 'application/json';
  } else if (lib[path]) {
    body = readFileSync(join(here, lib[path]));
    type = path.endsWith('.css') ? 'text/css' : 'text/javascript';
  }
  if (body === null) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': body.length });
  res.end(body);
});
await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${server.address().port}/`;

profile = mkdtempSync(join(tmpdir(), 'chrono-vis-profile-'));
process.on('exit', () => rmSync(profile, { recursive: true, force: true }));

try {
  deadline = Date.now() + limitS * 1000;
  context = await bounded(chromium.launchPersistentContext(profile, {
    executablePath: opts.chromium,
    headless: true,
    viewport: { width: WIDTH, height: HEIGHT },
    deviceScaleFactor: 1,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  }), 'launch');
  result.browser = context.browser()?.version() ?? null;

  for (let run = 0; run < runs; run++) {
    deadline = Date.now() + limitS * 1000;
    // A fresh page each run: what a person opening the timeline waits for.
    const page = await bounded(context.newPage(), 'new page');
    page.setDefaultTimeout(0);
    await bounded(page.goto(url), 'page load');
    result.prepare_ms.push(await bounded(page.evaluate(() => window.bench.prepare()), 'items fetch'));
    const first = await bounded(page.evaluate(([s, e]) => window.bench.firstRender(s, e),
                                              [fitStart, fitEnd]), 'first render');
    result.first_ms.push(first.ms);
    result.changed_before_first = first.changed;
    if (run === 0 && opts.screenshots)
      await bounded(page.screenshot({ path: join(opts.screenshots, `vis-${result.events}-all.png`) }), 'screenshot');
    const zoom = await bounded(page.evaluate(([s, e]) => window.bench.zoom(s, e),
                                             [zoomStart, zoomEnd]), 'zoom');
    result.zoom_ms.push(zoom.ms);
    if (run === 0 && opts.screenshots)
      await bounded(page.screenshot({ path: join(opts.screenshots, `vis-${result.events}-year.png`) }), 'screenshot');
    if (run === 0)
      result.visible_after_zoom = await bounded(page.evaluate(() => window.bench.visibleItems()), 'count');
    await bounded(page.close(), 'page close');
  }
  result.first_median_ms = median(result.first_ms);
  result.zoom_median_ms = median(result.zoom_ms);
  await bounded(context.close(), 'close');
  server.close();
  finish(result, 0);
} catch (e) {
  if (e instanceof Timeout && result.zoom_ms.length > 0) {
    // Report the runs that finished; drop a half-done one.
    result.first_ms.length = result.zoom_ms.length;
    result.runs = result.zoom_ms.length;
    result.first_median_ms = median(result.first_ms);
    result.zoom_median_ms = median(result.zoom_ms);
    result.later_run_timed_out = e.message;
    finish(result, 0);
  }
  if (e instanceof Timeout) {
    result.status = 'timeout';
    result.limit_s = limitS;
    result.phase = e.message;
    finish(result, 3);
  }
  result.status = 'error';
  result.error = String(e && e.message || e);
  finish(result, 1);
}
