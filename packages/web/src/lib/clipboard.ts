/** Copies text; without clipboard access (an insecure context) selects `fallback` so the user can copy it. */
export async function copyText(text: string, fallback?: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    fallback?.select();
    try {
      return document.execCommand?.('copy') ?? false;
    } catch {
      return false;
    }
  }
}
