/**
 * Text contrast as the browser renders it: every visible piece of text (HTML and SVG) against the
 * backgrounds painted behind it, per WCAG 2.x relative luminance. Disabled controls are exempt (WCAG
 * 1.4.3); a gradient counts with its worst colour stop.
 */
import type { Page } from "playwright-core";

export interface ContrastFinding {
  /** The start of the text, and the element that paints it. */
  text: string;
  element: string;
  color: string;
  backgrounds: string[];
  ratio: number;
}

/** Every visible text with a contrast ratio under `minimum` against its background. */
export const textBelowContrast = (page: Page, minimum = 4.5): Promise<ContrastFinding[]> =>
  page.evaluate((min) => {
    type Rgba = [number, number, number, number];
    const colorsIn = (css: string): Rgba[] =>
      [...css.matchAll(/rgba?\(([^)]+)\)/g)].map((m) => {
        const [r = 0, g = 0, b = 0, a = 1] = (m[1] ?? "")
          .split(/[\s,/]+/)
          .filter(Boolean)
          .map(Number);
        return [r, g, b, a];
      });
    const over = (top: Rgba, bottom: Rgba): Rgba => {
      const a = top[3] + bottom[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + bottom[i] * bottom[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const luminance = ([r, g, b]: Rgba) => {
      const lin = (c: number) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const ratioOf = (a: Rgba, b: Rgba) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const show = (c: Rgba) => `rgba(${c.map((v) => Math.round(v * 100) / 100).join(", ")})`;

    /** The colours that can be behind `el`: its and its ancestors' backgrounds, over the white canvas. */
    const backgroundsBehind = (el: Element): Rgba[] => {
      const layers: Rgba[][] = [];
      for (let node: Element | null = el; node; node = node.parentElement) {
        const style = getComputedStyle(node);
        const image = colorsIn(style.backgroundImage);
        if (image.length > 0) layers.push(image);
        const color = colorsIn(style.backgroundColor)[0];
        if (color && color[3] > 0) layers.push([color]);
        if (layers.at(-1)?.every((c) => c[3] === 1)) break;
      }
      let result: Rgba[] = [[255, 255, 255, 1]];
      for (const layer of layers.reverse()) result = layer.flatMap((top) => result.map((b) => over(top, b)));
      return result;
    };
    const opacityOf = (el: Element) => {
      let opacity = 1;
      for (let node: Element | null = el; node; node = node.parentElement)
        opacity *= Number(getComputedStyle(node).opacity);
      return opacity;
    };
    const isShown = (rect: DOMRect) =>
      rect.width > 1 && rect.height > 1 && rect.right > 0 && rect.bottom > 0 && rect.left < innerWidth;

    const painted = new Map<Element, { text: string; pseudo: string | null }>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? "").trim();
      const parent = node.parentElement;
      if (!text || !parent || painted.has(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      if (isShown(range.getBoundingClientRect())) painted.set(parent, { text, pseudo: null });
    }
    for (const input of document.querySelectorAll<HTMLInputElement>("input, textarea")) {
      if (!isShown(input.getBoundingClientRect())) continue;
      if (input.value) painted.set(input, { text: input.value, pseudo: null });
      else if (input.placeholder) painted.set(input, { text: input.placeholder, pseudo: "::placeholder" });
    }

    const findings = [];
    for (const [el, { text, pseudo }] of painted) {
      const style = getComputedStyle(el, pseudo);
      if (style.visibility !== "visible" || el.closest(":disabled, [aria-disabled=true]")) continue;
      const ink = colorsIn(el instanceof SVGElement ? style.fill : style.color)[0];
      if (!ink) continue;
      const text_: Rgba = [ink[0], ink[1], ink[2], ink[3] * opacityOf(el)];
      const backgrounds = backgroundsBehind(el);
      const ratio = Math.min(...backgrounds.map((bg) => ratioOf(over(text_, bg), bg)));
      if (ratio < min) {
        findings.push({
          text: text.slice(0, 40),
          element: `${el.tagName.toLowerCase()}.${[...el.classList].join(".")}`,
          color: show(text_),
          backgrounds: backgrounds.map(show),
          ratio: Math.round(ratio * 100) / 100,
        });
      }
    }
    return findings;
  }, minimum);
