/** The longest post or reply, in characters (code points). The tone preview accepts twice as much. */
export const BODY_MAX = 5000;
