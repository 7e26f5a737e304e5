type Props<K extends keyof HTMLElementTagNameMap> = Partial<HTMLElementTagNameMap[K]> & {
  /** Attributes with no property of their own: `aria-*`, `data-*`, `scope`, `role`. */
  attrs?: Record<string, string>;
};

/**
 * Creates an element with properties, attributes and children in one expression: the pages
 * build their DOM by hand, with no framework, and all three (resident, kiosk, staff) this way.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props<K> = {},
  children: ReadonlyArray<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const { attrs, ...rest } = props;
  const element = Object.assign(document.createElement(tag), rest);
  for (const [name, value] of Object.entries(attrs ?? {})) element.setAttribute(name, value);
  element.append(...children);
  return element;
}
