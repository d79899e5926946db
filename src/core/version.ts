/** Engine version recorded in every report; kept equal to package.json's version (checked by a test). */
export const ENGINE_VERSION = '0.1.0';
