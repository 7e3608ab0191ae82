export {
  formatDuration,
  InvalidDurationError,
  parseDuration,
} from './duration.js';
