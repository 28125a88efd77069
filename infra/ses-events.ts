import type { Stack } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { ConfigurationSet, ConfigurationSetEventDestination, EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';

/**
 * What SES publishes from the configuration set to EventBridge: what became of each email (no
 * sends, opens or clicks: the platform neither needs nor tracks them).
 */
export const SES_EVENT_TYPES = [
  EmailSendingEvent.BOUNCE,
  EmailSendingEvent.COMPLAINT,
  EmailSendingEvent.DELIVERY,
  EmailSendingEvent.REJECT,
  EmailSendingEvent.RENDERING_FAILURE,
] as const;

/**
 * SES events (bounces, complaints, deliveries).
 * The configuration set is the operator's (SesConfigurationSetName); the stack adds its event
 * destination: SES publishes what became of each email to the default bus (the only bus SES
 * can publish to), where the rule built from the declaration below hands it to email-events.
 */
export function sesEventDestination(stack: Stack, configurationSetName: string): ConfigurationSetEventDestination {
  return new ConfigurationSetEventDestination(stack, 'SesEventDestination', {
    configurationSet: ConfigurationSet.fromConfigurationSetName(stack, 'SesConfigurationSet', configurationSetName),
    destination: EventDestination.eventBus(EventBus.fromEventBusName(stack, 'DefaultEventBus', 'default')),
    events: [...SES_EVENT_TYPES],
  });
}
