import type { ReactNode } from 'react';
import { useAuthRefused } from '../client.ts';
import { SignIn } from './SignIn.tsx';
import { useToken } from './token.ts';

/** Shows its page to a signed-in browser, the sign-in form otherwise (or after a refusal). */
export function RequireToken({ children }: { children: ReactNode }) {
  const token = useToken();
  const refused = useAuthRefused();
  if (!token || refused) return <SignIn refused={refused} />;
  return children;
}
