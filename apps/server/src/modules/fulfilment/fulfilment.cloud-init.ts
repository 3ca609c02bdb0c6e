/**
 * The user data sent with an API-created instance: the customer's own cloud-init when they wrote one (it is theirs to
 * set the hostname in), else a minimal cloud-config that applies the hostname they chose at checkout. Windows images
 * take no cloud-init. The hostname was validated at checkout (letters, digits and dashes), so it is safe in YAML.
 */
export function instanceUserData(order: {
  displayName: string | null;
  userData: string | null;
  windows: boolean;
}): string | undefined {
  if (order.userData) return order.userData;
  if (!order.displayName || order.windows) return undefined;
  return `#cloud-config\npreserve_hostname: false\nhostname: ${order.displayName}\n`;
}
