import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { submitHandler } from './FormBits.tsx';
import { submitToMutation, type FormMutation } from './validation.ts';

type Values = { name: string; note: string };

/** A form that submits `values` as they are (the schema's checks are react-hook-form's business). */
function fakeForm(values: Values) {
  const calls: string[] = [];
  return {
    calls,
    setError: vi.fn(),
    reset: vi.fn(() => calls.push('reset')),
    handleSubmit: (run: (values: Values) => unknown) => () => run(values),
  };
}

/** A mutation that answers at once: with `data`, or failing with `error`. */
function fakeMutation<I>(answer: { data?: string; error?: unknown }, isPending = false) {
  const sent: I[] = [];
  const mutation: FormMutation<I, string> & { sent: I[] } = {
    sent,
    isPending,
    reset: vi.fn(),
    mutate: (input, { onSuccess, onError }) => {
      sent.push(input);
      if (answer.error) onError(answer.error);
      else onSuccess(answer.data ?? '');
    },
  };
  return mutation;
}

describe('submitToMutation', () => {
  it('sends the values as they are, or as `input` turns them', () => {
    const form = fakeForm({ name: 'web-1', note: '' });
    const plain = fakeMutation<Values>({ data: 'ok' });
    void submitToMutation(form as never, plain)();
    expect(plain.sent).toEqual([{ name: 'web-1', note: '' }]);

    const mapped = fakeMutation<string>({ data: 'ok' });
    void submitToMutation(form as never, mapped, { input: (v: Values) => v.name })();
    expect(mapped.sent).toEqual(['web-1']);
  });

  it('sends nothing while the last request is pending', () => {
    const mutation = fakeMutation<Values>({ data: 'ok' }, true);
    void submitToMutation(fakeForm({ name: 'a', note: '' }) as never, mutation)();
    expect(mutation.sent).toEqual([]);
  });

  it('empties the form first when asked, then gives the answer and the values to onSuccess', () => {
    const form = fakeForm({ name: 'a', note: 'b' });
    const onSuccess = vi.fn(() => form.calls.push('onSuccess'));
    void submitToMutation(form as never, fakeMutation<Values>({ data: 'saved' }), {
      resetOnSuccess: true,
      onSuccess,
    })();
    expect(form.calls).toEqual(['reset', 'onSuccess']);
    expect(onSuccess).toHaveBeenCalledWith('saved', { name: 'a', note: 'b' });

    const keep = fakeForm({ name: 'a', note: 'b' });
    void submitToMutation(keep as never, fakeMutation<Values>({ data: 'saved' }))();
    expect(keep.reset).not.toHaveBeenCalled();
  });

  it('puts an API error under its field and clears the mutation error; other failures stay on top', () => {
    const taken = new ApiError({ status: 409, code: 'conflict', message: 'taken' });
    const form = fakeForm({ name: 'a', note: '' });
    const failing = fakeMutation<Values>({ error: taken });
    void submitToMutation(form as never, failing, { fields: ['name'], codeFields: { conflict: 'name' } })();
    expect(form.setError).toHaveBeenCalledWith('name', expect.objectContaining({ type: 'server' }), {
      shouldFocus: true,
    });
    expect(failing.reset).toHaveBeenCalledOnce();

    const offline = fakeMutation<Values>({ error: new Error('offline') });
    void submitToMutation(fakeForm({ name: 'a', note: '' }) as never, offline, { fields: ['name'] })();
    expect(offline.reset).not.toHaveBeenCalled();
  });
});

describe('submitHandler', () => {
  it('keeps the browser from sending the form and runs the handler', () => {
    const run = vi.fn();
    const event = { preventDefault: vi.fn() };
    submitHandler(run)(event as never);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(run).toHaveBeenCalledOnce();
  });
});
