// Region names come from the API in English; known codes get a translated name and location.
import { useTranslation } from 'react-i18next';

export const KNOWN_REGIONS = [
  'EU',
  'US-central',
  'US-east',
  'US-west',
  'SIN',
  'UK',
  'AUS',
  'JPN',
  'IND',
] as const;
export type KnownRegion = (typeof KNOWN_REGIONS)[number];

export function isKnownRegion(code: string): code is KnownRegion {
  return (KNOWN_REGIONS as readonly string[]).includes(code);
}

export function useRegionText() {
  const { t } = useTranslation();
  return {
    name: (code: string, fallback: string) => (isKnownRegion(code) ? t(`regions.names.${code}`) : fallback),
    location: (code: string, fallback: string) =>
      isKnownRegion(code) ? t(`regions.locations.${code}`) : fallback,
  };
}
