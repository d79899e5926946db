/** The CDK app: `npm run synth` builds the stack offline and runs cdk-nag's AwsSolutions checks. */
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SicherheitsanalyseStack } from './stack.js';

export function buildApp(app = new App()): { app: App; stack: SicherheitsanalyseStack } {
  const stack = new SicherheitsanalyseStack(app, 'Sicherheitsanalyse', {
    description: 'Sicherheitsanalyse: reports from municipal survey and crime data (LPR Sachsen, ASSKomm)',
    ...(process.env.CDK_DEFAULT_ACCOUNT && {
      env: {
        account: process.env.CDK_DEFAULT_ACCOUNT,
        region: process.env.CDK_DEFAULT_REGION ?? 'eu-central-1',
      },
    }),
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}

if (import.meta.url === `file://${process.argv[1]}`) buildApp().app.synth();
