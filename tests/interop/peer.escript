#!/usr/bin/env escript
%% peer.escript: Erlang/OTP gen_sctp as the other end of gsctp's interop
%% tests. Prints one line per thing it sees, for the test to assert on.
%%
%%   peer.escript server PORT           echo every message back on its
%%                                      stream, with its PPID and flags
%%   peer.escript client PORT STREAMS [TYPE]
%%                                      associate (TYPE seqpacket or stream),
%%                                      send "hello" on stream 3 with PPID 7,
%%                                      print the echo, then eof
%%
%% SPDX-License-Identifier: LGPL-2.1-or-later
-include_lib("kernel/include/inet_sctp.hrl").

main(["server", PortText]) ->
    Port = list_to_integer(PortText),
    {ok, S} = gen_sctp:open(Port, [{ip, loopback}, {active, false}, binary,
                                   {sctp_events, #sctp_event_subscribe{data_io_event = true,
                                                                       association_event = true,
                                                                       shutdown_event = true}}]),
    ok = gen_sctp:listen(S, true),
    io:format("listening~n"),
    serve(S);
main(["client", PortText, StreamsText]) ->
    main(["client", PortText, StreamsText, "seqpacket"]);
main(["client", PortText, StreamsText, TypeText]) ->
    Port = list_to_integer(PortText),
    {ok, S} = gen_sctp:open(0, [{active, false}, binary, {type, list_to_atom(TypeText)}]),
    {ok, Assoc} = gen_sctp:connect(S, {127,0,0,1}, Port,
                                   [{sctp_initmsg, #sctp_initmsg{num_ostreams = list_to_integer(StreamsText)}}]),
    io:format("comm_up ~p ~p~n", [Assoc#sctp_assoc_change.state, Assoc#sctp_assoc_change.outbound_streams]),
    ok = gen_sctp:send(S, #sctp_sndrcvinfo{assoc_id = Assoc#sctp_assoc_change.assoc_id,
                                           stream = 3, ppid = 7}, <<"hello">>),
    echo(S),
    case gen_sctp:eof(S, Assoc) of
        ok ->
            ending(S);
        {error, einval} ->
            %% A one-to-one socket refuses SCTP_EOF; closing shuts it down.
            ok = gen_sctp:close(S),
            io:format("closed~n")
    end.

serve(S) ->
    case gen_sctp:recv(S, 30000) of
        {ok, {_IP, _Port, [#sctp_sndrcvinfo{} = Info], Data}} when is_binary(Data) ->
            io:format("data stream=~p ppid=~p unordered=~p ~s~n",
                      [Info#sctp_sndrcvinfo.stream, Info#sctp_sndrcvinfo.ppid,
                       lists:member(unordered, Info#sctp_sndrcvinfo.flags), Data]),
            Flags = [F || F <- Info#sctp_sndrcvinfo.flags, F =:= unordered],
            ok = gen_sctp:send(S, #sctp_sndrcvinfo{assoc_id = Info#sctp_sndrcvinfo.assoc_id,
                                                   stream = Info#sctp_sndrcvinfo.stream,
                                                   ppid = Info#sctp_sndrcvinfo.ppid,
                                                   flags = Flags}, Data),
            serve(S);
        {ok, {_IP, _Port, _, #sctp_assoc_change{state = State}}} ->
            io:format("assoc_change ~p~n", [State]),
            serve(S);
        {ok, {_IP, _Port, _, #sctp_shutdown_event{}}} ->
            io:format("shutdown_event~n"),
            serve(S);
        {ok, {_IP, _Port, _, Other}} ->
            io:format("event ~p~n", [element(1, Other)]),
            serve(S);
        {error, timeout} ->
            io:format("idle~n");
        {error, Reason} ->
            io:format("error ~p~n", [Reason]),
            serve(S)
    end.

echo(S) ->
    case gen_sctp:recv(S, 10000) of
        {ok, {_IP, _Port, [#sctp_sndrcvinfo{stream = Stream, ppid = Ppid}], Data}} when is_binary(Data) ->
            io:format("echo stream=~p ppid=~p ~s~n", [Stream, Ppid, Data]);
        {ok, {_IP, _Port, _, _Event}} ->
            echo(S);
        {error, Reason} ->
            io:format("error ~p~n", [Reason])
    end.

ending(S) ->
    case gen_sctp:recv(S, 10000) of
        {ok, {_IP, _Port, _, #sctp_assoc_change{state = State}}} ->
            io:format("assoc_change ~p~n", [State]);
        {ok, _} ->
            ending(S);
        {error, Reason} ->
            io:format("error ~p~n", [Reason])
    end.
