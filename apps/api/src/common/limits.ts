/** The longest post or reply, in characters (code points): one rule for both apps, in @steady/rules. The tone preview accepts twice as much. */
export { POST_BODY_MAX as BODY_MAX } from '@steady/rules';
