/**
 * How much a simulation compresses time: simulated seconds per wall second. Read by the
 * CLI before anything else loads, so its usage errors come at once.
 */
export const DEFAULT_SPEED = 20;
/** Beyond this the controllers' floors (metrics-server's 10s, whole-second HPA periods) dominate what is simulated. */
export const MAX_SPEED = 1000;
