export { analyseProfile, choosePopulationYear, KNOWN_INDICATORS, type ProfileResult } from './profile.js';
