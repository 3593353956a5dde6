/**
 * Our marketplace category tree. SKELETON: the top level is fixed by the product owner;
 * the sub-nodes are filled in by the taxonomy work (issue 2).
 */
export const TOP_LEVELS = [
  'Fashion',
  'Electronics',
  'Home',
  'Toys & Games',
  'Books & Media',
  'Sports & Outdoors',
  'Beauty',
  'Musical Instruments',
  'Collectibles & Art',
  'Other',
] as const;
export type TopLevel = (typeof TOP_LEVELS)[number];
