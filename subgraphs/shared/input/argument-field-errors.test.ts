import 'reflect-metadata';
import { IsOptional, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { graphql } from 'graphql';
import { Arg, Field, InputType, Int, Mutation, Query, Resolver, buildSchema } from 'type-graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateArguments } from './argument-field-errors.js';

@InputType()
class SiteInput {
  @Field()
  @Matches(/^[A-Z0-9]+$/, { message: 'Code de commune invalide.' })
  commune!: string;
}

@InputType()
class ApplicationInput {
  @Field()
  @Length(2, 80, { message: 'Le quartier doit compter 2 à 80 caractères.' })
  quarter!: string;

  @Field(() => Int)
  @Min(1, { message: 'Au moins un.' })
  @Max(200, { message: 'Au plus 200.' })
  count!: number;

  @Field(() => SiteInput, { nullable: true })
  @IsOptional()
  @ValidateNested()
  site?: SiteInput | null;
}

@Resolver()
class ApplicationResolver {
  @Query(() => Boolean)
  ok(): boolean {
    return true;
  }

  @Mutation(() => Boolean)
  apply(@Arg('application', () => ApplicationInput) _application: ApplicationInput, @Arg('note', () => String, { nullable: true }) _note?: string): boolean {
    return true;
  }

  @Mutation(() => Boolean)
  applyMany(@Arg('applications', () => [ApplicationInput]) _applications: ApplicationInput[]): boolean {
    return true;
  }
}

describe('validateArguments', () => {
  let run: (source: string) => Promise<{ fields: unknown; message: string | undefined; code: unknown }>;
  beforeAll(async () => {
    const schema = await buildSchema({ resolvers: [ApplicationResolver], validateFn: validateArguments });
    run = async (source) => {
      const result = await graphql({ schema, source });
      const error = result.errors?.[0];
      return { fields: error?.extensions.fields, message: error?.message, code: error?.extensions.code };
    };
  });

  it('lets valid arguments through', async () => {
    expect(await run('mutation { apply(application: { quarter: "Tokoin", count: 3, site: { commune: "GOLFE1" } }) }')).toEqual({ fields: undefined, message: undefined, code: undefined });
  });

  it('names the argument, the field and the constraint’s kind, with its French message', async () => {
    expect(await run('mutation { apply(application: { quarter: "X", count: 0 }, note: "n") }')).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'Le quartier doit compter 2 à 80 caractères. Au moins un.',
      fields: [
        { path: ['application', 'quarter'], code: 'OUT_OF_RANGE', message: 'Le quartier doit compter 2 à 80 caractères.' },
        { path: ['application', 'count'], code: 'OUT_OF_RANGE', message: 'Au moins un.' },
      ],
    });
  });

  it('follows nested inputs and list items', async () => {
    expect((await run('mutation { apply(application: { quarter: "Tokoin", count: 3, site: { commune: "golfe" } }) }')).fields).toEqual([
      { path: ['application', 'site', 'commune'], code: 'INVALID', message: 'Code de commune invalide.' },
    ]);
    expect((await run('mutation { applyMany(applications: [{ quarter: "Tokoin", count: 3 }, { quarter: "Bè", count: 500 }]) }')).fields).toEqual([
      { path: ['applications', 1, 'count'], code: 'OUT_OF_RANGE', message: 'Au plus 200.' },
    ]);
  });
});
