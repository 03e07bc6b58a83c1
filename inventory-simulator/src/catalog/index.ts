export { generateCatalog, generateProduct, productIdAt, type CatalogOptions } from './generator';
export { seedCatalog, type SeedOptions, type SeedProgress, type SeedResult } from './seed-catalog';
export { LEAVES, BRANDS } from './taxonomy';
