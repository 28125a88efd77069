/** CDK entry point (cdk.json "app"). Synthesises offline: no credentials, no lookups. */
import { createReferralsApp } from './referrals-app.js';

createReferralsApp().app.synth();
