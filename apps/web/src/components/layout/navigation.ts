// Public navigation entries shared by the header, the mobile drawer and the footer.
export type NavItem = { to: string; labelKey: 'nav.plans' | 'nav.compare' | 'nav.support' };

export const publicNav: NavItem[] = [
  { to: '/#planes', labelKey: 'nav.plans' },
  { to: '/compare', labelKey: 'nav.compare' },
  { to: '/#soporte', labelKey: 'nav.support' },
];
