// Advance widths of printable ASCII (U+0020 to U+007E) in thousandths of an
// em, read from the hmtx tables of DejaVu Sans Bold and DejaVu Sans 2.37.
// DejaVu is what system-ui and sans-serif resolve to on most Linux desktops
// and in Debian's Chromium, and it is wider than Liberation Sans (Arial's
// metrics) for all but a few letters, so a box sized with these widths holds
// its text in the diagram's usual fonts. Kerning only narrows text.
const FIRST = 0x20;
const BOLD = [
  348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380,
  365, 696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838,
  838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637,
  995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457,
  365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343,
  665, 343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652,
  582, 712, 365, 712, 838,
];
const REGULAR = [
  318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318,
  337, 636, 636, 636, 636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838,
  838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295, 295, 656, 557,
  863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390,
  337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278,
  579, 278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592,
  525, 636, 337, 636, 838,
];
/** The middle dot the node's second line uses, in both weights. */
const MIDDLE_DOT = { bold: 380, regular: 318 };
// Letters beyond ASCII (accents, other scripts) are rarely wider than an
// em, so an em is a safe upper bound for them.
const OTHER = 1000;

/** The font weights the diagram uses. */
type Weight = keyof typeof MIDDLE_DOT;

/**
 * Returns an upper bound of the width of one line of text in pixels, in the
 * diagram's sans-serif font at `fontSize` pixels.
 *
 * @param text - one line, without line breaks
 * @param fontSize - the font size in pixels
 * @param weight - `bold` or `regular`
 */
const textWidth = (text: string, fontSize: number, weight: Weight): number => {
  const table = weight === 'bold' ? BOLD : REGULAR;
  let thousandths = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    thousandths +=
      table[code - FIRST] ?? (char === '\u00b7' ? MIDDLE_DOT[weight] : OTHER);
  }
  return (thousandths * fontSize) / 1000;
};

export { textWidth };
