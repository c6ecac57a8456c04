// Keeps the site's files in the browser, so that the page opens and runs
// offline after a first visit, and a tab the browser reloads later still
// works. The page comes from the network whenever it can, so a new build
// shows on the next visit; its other files carry a hash of their content in
// their names, so a kept copy is never out of date.
const CACHE = 'cx-journey-site';
const PAGE = new URL('./', self.location).href;

self.addEventListener('install', (event) => {
  event.waitUntil(keep().then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET' || !request.url.startsWith(PAGE)) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      fetch(request).then(
        (response) => {
          if (response.ok) event.waitUntil(keep().catch(() => {}));
          return response;
        },
        () => caches.match(PAGE).then((kept) => kept ?? Response.error()),
      ),
    );
  } else {
    event.respondWith(caches.match(request).then((kept) => kept ?? fetch(request)));
  }
});

/**
 * Keeps the page and the files it links to (its styles, bindings and wasm
 * module); fetches only those not kept yet, and forgets those the page no
 * longer links to (an earlier build's).
 */
async function keep() {
  const page = await fetch(PAGE, { cache: 'no-cache' });
  if (!page.ok) throw new Error(`${PAGE}: HTTP ${page.status}`);
  const html = await page.clone().text();
  // Attribute values quoted or not: the built page is minified.
  const files = [...html.matchAll(/\s(?:href|src)=(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/g)]
    .map((match) => new URL(match[1] ?? match[2] ?? match[3], PAGE).href)
    .filter((url) => url.startsWith(PAGE) && url !== PAGE);
  const cache = await caches.open(CACHE);
  for (const url of files) {
    if (!(await cache.match(url))) await cache.add(url);
  }
  await cache.put(PAGE, page);
  const wanted = new Set([PAGE, ...files]);
  for (const request of await cache.keys()) {
    if (!wanted.has(request.url)) await cache.delete(request);
  }
}
