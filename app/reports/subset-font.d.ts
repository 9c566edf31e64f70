declare module "subset-font" {
  /** Subsets a font to the given characters with HarfBuzz (keeps the layout closure, e.g. Arabic joining forms). */
  export default function subsetFont(
    font: Buffer | Uint8Array,
    text: string,
    options?: { targetFormat?: "sfnt" | "woff" | "woff2" | "truetype"; preserveNameIds?: number[]; variationAxes?: Record<string, number> },
  ): Promise<Buffer>;
}
