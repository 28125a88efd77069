import { PageTitle } from '../components/ui.js';
import { useApp } from '../lib/context.js';
import { useTitle } from '../lib/hooks.js';
import { href } from '../lib/router.js';

export default function NotFound() {
  const { t } = useApp();
  useTitle(t('notFound.title'), t('app.name'));
  return (
    <>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <p>
        <a href={href('/')}>{t('notFound.home')}</a>
      </p>
    </>
  );
}
