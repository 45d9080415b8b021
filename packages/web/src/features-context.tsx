import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { fetchFeatures, NO_FEATURES } from './api/features';
import type { Features } from './api/types';
import { useAuth } from './auth-context';

interface FeaturesValue {
  features: Features;
  loaded: boolean;
}

const FeaturesContext = createContext<FeaturesValue>({ features: NO_FEATURES, loaded: false });

export function FeaturesProvider({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const [value, setValue] = useState<FeaturesValue>({ features: NO_FEATURES, loaded: false });
  const userId = user?.id ?? null;

  // Flags can depend on who is asking, so they are fetched again when the user changes. Until they arrive
  // (or if the call fails) every optional feature is treated as off: hidden UI is safer than dead buttons.
  // biome-ignore lint/correctness/useExhaustiveDependencies: userId is the trigger, not an input
  useEffect(() => {
    const controller = new AbortController();
    fetchFeatures(controller.signal)
      .then((features) => setValue({ features, loaded: true }))
      .catch(() => {
        if (!controller.signal.aborted) setValue({ features: NO_FEATURES, loaded: true });
      });
    return () => controller.abort();
  }, [userId]);

  return <FeaturesContext.Provider value={value}>{children}</FeaturesContext.Provider>;
}

export function useFeatures(): FeaturesValue {
  return useContext(FeaturesContext);
}

export function useFeature(flag: keyof Features): boolean {
  return useContext(FeaturesContext).features[flag];
}

/** Renders its children only when the feature flag is on. */
export function Feature({ flag, children }: { flag: keyof Features; children: ReactNode }) {
  return useFeature(flag) ? children : null;
}
