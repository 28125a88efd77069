import { PageTitle } from '../components/ui.js';
import { useApp } from '../lib/context.js';
import { useTitle } from '../lib/hooks.js';
import { href } from '../lib/router.js';

/** A page the user's role does not show (a viewer at a case address): nothing of it is loaded. */
export default function NotAllowed() {
  const { t } = useApp();
  useTitle(t('notAllowed.title'), t('app.name'));
  return (
    <>
      <PageTitle>{t('notAllowed.title')}</PageTitle>
      <p>{t('notAllowed.text')}</p>
      <p>
        <a href={href('/')}>{t('notFound.home')}</a>
      </p>
    </>
  );
}
