/** Server services that can carry their own additionalEnv in the chart. */
export const SERVER_SERVICES = ['frontend', 'internal-frontend', 'history', 'matching', 'worker'] as const;

/** The internal frontend's key in user values: either chart generation's spelling. */
export const INTERNAL_FRONTEND_KEYS = ['internal-frontend', 'internalFrontend'] as const;
