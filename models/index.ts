export const MODELS_LAYER = 'models' as const;
