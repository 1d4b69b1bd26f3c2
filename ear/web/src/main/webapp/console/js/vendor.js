// The libraries the console loads when it needs them, from the webjars in WEB-INF/lib: the build writes the
// versions the POM pins into this file (the only filtered one), so page and jars cannot drift apart.
export const HLS_JS = new URL('../../webjars/hls.js/${version.hlsjs}/dist/hls.min.js', import.meta.url).href;
export const UPLOT_JS = new URL('../../webjars/uplot/${version.uplot}/dist/uPlot.iife.min.js', import.meta.url).href;
export const UPLOT_CSS = new URL('../../webjars/uplot/${version.uplot}/dist/uPlot.min.css', import.meta.url).href;

const loaded = new Map();

/** Loads a classic script once; resolves when it has run. */
export function script(src) {
  if (!loaded.has(src)) {
    loaded.set(src, new Promise((resolve, reject) => {
      const element = document.createElement('script');
      element.src = src;
      element.onload = resolve;
      element.onerror = () => reject(new Error(`cannot load ${src}`));
      document.head.append(element);
    }));
  }
  return loaded.get(src);
}

export function stylesheet(href) {
  if (!loaded.has(href)) {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.append(link);
    loaded.set(href, Promise.resolve());
  }
}
