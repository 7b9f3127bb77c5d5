/** True for 127.0.0.0/8 and ::1, in plain or IPv4-mapped IPv6 form (`::ffff:127.0.0.1`). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ipv4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ipv4)) return true;
  return address === '::1' || /^(0{1,4}:){7}0{0,3}1$/.test(address);
}
