import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { FieldErrorCode } from '../../../schema/index.js';
import { RequiresScopes, Scopes, userInputError } from '../../shared/index.js';
import type { WebhooksContext } from '../context.js';
import { RegisterWebhookInput } from './register-webhook-input.js';
import { attemptView, deliveryView, webhookView } from './views.js';
import { WebhookDelivery, WebhookDeliveryAttempt, WebhookDeliveryPage } from './webhook-delivery.js';
import { WebhookRegistration, WebhookView } from './webhook-type.js';

const MAX_PAGE = 100;

@Resolver(() => WebhookView)
export class WebhooksResolver {
  @RequiresScopes(Scopes.manageWebhooks)
  @Query(() => [WebhookView], { description: 'Vos webhooks (intégrateurs ayant la portée webhooks:manage), du plus ancien au plus récent.' })
  async myWebhooks(@Ctx() ctx: WebhooksContext): Promise<WebhookView[]> {
    return (await ctx.webhooks.list(ctx.principal)).map(webhookView);
  }

  @RequiresScopes(Scopes.manageWebhooks)
  @Query(() => WebhookView, { nullable: true, description: 'Un de vos webhooks par son identifiant.' })
  async webhook(@Arg('id', () => ID) id: string, @Ctx() ctx: WebhooksContext): Promise<WebhookView | null> {
    const webhook = await ctx.webhooks.get(ctx.principal, id);
    return webhook && webhookView(webhook);
  }

  @RequiresScopes(Scopes.manageWebhooks)
  @Query(() => WebhookDelivery, { nullable: true, description: 'Une livraison d’un de vos webhooks par son identifiant (webhook-id).' })
  async webhookDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: WebhooksContext): Promise<WebhookDelivery | null> {
    const delivery = await ctx.webhooks.delivery(ctx.principal, id);
    return delivery && deliveryView(delivery);
  }

  @FieldResolver(() => WebhookDeliveryPage, { description: 'Le journal des livraisons, les plus récentes d’abord. first : 1 à 100 (20 par défaut) ; before : la valeur next de la page précédente.' })
  async deliveries(
    @Root() webhook: WebhookView,
    @Arg('first', () => Int, { defaultValue: 20 }) first: number,
    @Arg('before', () => ID, { nullable: true }) before: string | null,
    @Ctx() ctx: WebhooksContext,
  ): Promise<WebhookDeliveryPage> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE) throw userInputError(`first doit être compris entre 1 et ${MAX_PAGE}.`, 'first', FieldErrorCode.OUT_OF_RANGE);
    const page = await ctx.webhooks.deliveries(ctx.principal, webhook.id, first, before);
    return { nodes: page.deliveries.map(deliveryView), next: page.next, hasMore: page.next !== null };
  }

  @RequiresScopes(Scopes.manageWebhooks)
  @Mutation(() => WebhookRegistration, {
    description:
      'Enregistre un webhook : Guichet y enverra (POST, signé selon Standard Webhooks) les événements des dossiers que vous pouvez lire. Demande aussi la portée dossiers:read ; le NIU du demandeur n’est envoyé qu’avec citizens:read. Le secret de signature n’est montré qu’ici.',
  })
  async registerWebhook(@Arg('input', () => RegisterWebhookInput) input: RegisterWebhookInput, @Ctx() ctx: WebhooksContext): Promise<WebhookRegistration> {
    const { webhook, secret } = await ctx.webhooks.register(ctx.principal, input);
    return { webhook: webhookView(webhook), secret };
  }

  @RequiresScopes(Scopes.manageWebhooks)
  @Mutation(() => Boolean, { description: 'Supprime un webhook, avec son journal de livraisons. Les livraisons en attente ne sont pas envoyées.' })
  async deleteWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: WebhooksContext): Promise<boolean> {
    return ctx.webhooks.remove(ctx.principal, id);
  }

  @RequiresScopes(Scopes.manageWebhooks)
  @Mutation(() => WebhookDelivery, { description: 'Envoie un message de test (type webhook.test) au webhook, tout de suite ; suivez-le dans le journal des livraisons.' })
  async testWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: WebhooksContext): Promise<WebhookDelivery> {
    return deliveryView(await ctx.webhooks.test(ctx.principal, id));
  }

  @RequiresScopes(Scopes.manageWebhooks)
  @Mutation(() => WebhookDelivery, {
    description: 'Rejoue une livraison terminée (réussie ou abandonnée) : le même message, avec le même webhook-id, est renvoyé tout de suite, pour une tentative.',
  })
  async replayWebhookDelivery(@Arg('id', () => ID) id: string, @Ctx() ctx: WebhooksContext): Promise<WebhookDelivery> {
    return deliveryView(await ctx.webhooks.replay(ctx.principal, id));
  }

  @RequiresScopes(Scopes.manageWebhooks)
  @Mutation(() => WebhookView, { description: 'Réactive un webhook désactivé (par vous, ou automatiquement) ; les livraisons abandonnées peuvent ensuite être rejouées.' })
  async enableWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: WebhooksContext): Promise<WebhookView> {
    return webhookView(await ctx.webhooks.setEnabled(ctx.principal, id, true));
  }

  @RequiresScopes(Scopes.manageWebhooks)
  @Mutation(() => WebhookView, { description: 'Désactive un webhook : il ne reçoit plus rien, ses livraisons en attente sont abandonnées.' })
  async disableWebhook(@Arg('id', () => ID) id: string, @Ctx() ctx: WebhooksContext): Promise<WebhookView> {
    return webhookView(await ctx.webhooks.setEnabled(ctx.principal, id, false));
  }
}

@Resolver(() => WebhookDelivery)
export class WebhookDeliveryResolver {
  @FieldResolver(() => [WebhookDeliveryAttempt], { description: 'Chaque tentative, dans l’ordre.' })
  async attemptLog(@Root() delivery: WebhookDelivery, @Ctx() ctx: WebhooksContext): Promise<WebhookDeliveryAttempt[]> {
    // The delivery was reached through its owner's webhook or `webhookDelivery`, both checked.
    return (await ctx.webhooks.attempts(delivery.id)).map(attemptView);
  }
}
