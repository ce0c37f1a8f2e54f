import { CsrfField } from './csrf-field';

/** What every per-post form tells the section's action: which intent, which form (to answer in place), which post, and whether JavaScript ran. */
export function PostActionFields(props: { intent: string; formId: string; postId: string; hydrated: boolean }) {
  return (
    <>
      <CsrfField />
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="formId" value={props.formId} />
      <input type="hidden" name="postId" value={props.postId} />
      {props.hydrated ? <input type="hidden" name="_js" value="1" /> : null}
    </>
  );
}
