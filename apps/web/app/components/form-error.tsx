/**
 * What went wrong with a form, said calmly beside it and announced once (role="alert"); nothing
 * when all is well. `id` lets a field point at it with aria-describedby.
 */
export function FormError({ children, id }: { children: React.ReactNode; id?: string }) {
  if (!children) return null;
  return (
    <p className="form-error" role="alert" id={id}>
      {children}
    </p>
  );
}
