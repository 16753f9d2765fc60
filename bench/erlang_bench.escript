#!/usr/bin/env escript
%% erlang_bench.escript SECONDS: Erlang/OTP gen_sctp one way on a
%% one-to-many association on loopback, 1 KiB messages: a sender process
%% and the receiving main process, in one VM. Prints msg/s.
%%
%% SPDX-License-Identifier: LGPL-2.1-or-later
-include_lib("kernel/include/inet_sctp.hrl").

main([SecondsText]) ->
    Seconds = list_to_integer(SecondsText),
    Opts = [{active, false}, binary, {recbuf, 4194304}, {sndbuf, 4194304}],
    {ok, Server} = gen_sctp:open(0, [{ip, {127,0,0,1}} | Opts]),
    ok = gen_sctp:listen(Server, true),
    {ok, Port} = inet:port(Server),
    {ok, Client} = gen_sctp:open(0, Opts),
    {ok, Assoc} = gen_sctp:connect(Client, {127,0,0,1}, Port, []),
    Payload = binary:copy(<<0>>, 1024),
    Info = #sctp_sndrcvinfo{assoc_id = Assoc#sctp_assoc_change.assoc_id, ppid = 1},
    Self = self(),
    Sender = spawn_link(fun () -> send_loop(Client, Info, Payload, Self) end),
    Start = erlang:monotonic_time(microsecond),
    Deadline = Start + Seconds * 1000000,
    Count = receive_loop(Server, Deadline, 0),
    Elapsed = (erlang:monotonic_time(microsecond) - Start) / 1000000,
    unlink(Sender),
    exit(Sender, kill),
    io:format("erlang gen_sctp  1024 B  ~10.1f msg/s~n", [Count / Elapsed]).

send_loop(Socket, Info, Payload, Parent) ->
    case gen_sctp:send(Socket, Info, Payload) of
        ok -> ok;
        %% gen_sctp does not wait for room in the send buffer: let the
        %% receiver run, then try again.
        {error, eagain} -> erlang:yield()
    end,
    send_loop(Socket, Info, Payload, Parent).

receive_loop(Socket, Deadline, Count) ->
    case Count rem 64 =:= 0 andalso erlang:monotonic_time(microsecond) >= Deadline of
        true ->
            Count;
        false ->
            case gen_sctp:recv(Socket, 1000) of
                {ok, {_, _, _, Data}} when is_binary(Data) ->
                    receive_loop(Socket, Deadline, Count + 1);
                _ ->
                    receive_loop(Socket, Deadline, Count)
            end
    end.
