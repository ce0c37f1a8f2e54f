// The reader's stylesheet as text (Vite minifies it in the build), for the <style> element the
// server writes into every page's head (ADR 025). Server only: the browser never downloads it twice.
import styles from '~/styles.css?inline';

export const INLINE_STYLES: string = styles;
